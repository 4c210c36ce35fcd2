namespace DsProcess.Domain.Common;

/// <summary>Field lengths shared by the domain guards, the validators and the database columns.</summary>
public static class Limits
{
    public const int ProjectName = 120;
    public const int ProjectKeyMin = 2;
    public const int ProjectKeyMax = 10;
    public const int Objective = 2000;
    public const int TaskTitle = 200;
    public const int TaskDescription = 4000;
    public const int Reason = 1000;
    public const int ChecklistText = 300;
    public const int PersonName = 120;
    public const int Email = 256;
    public const int NotificationText = 500;
    public const int EvidenceLink = 500;
    public const int EvidenceLinks = 10;
    public const int Search = 100;
    public const int Password = 128;
}

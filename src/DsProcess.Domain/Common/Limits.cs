namespace DsProcess.Domain.Common;

/// <summary>Field lengths shared by the domain guards, the validators and the database columns.</summary>
public static class Limits
{
    public const int ProjectName = 120;
    public const int PlaybookName = 120;

    public const int RoleName = 60;

    public const int RoleDescription = 300;
    public const int PlaybookDescription = 2000;
    public const int PlaybookTasksPerPhase = 40;
    public const int PlaybookChecklistItems = 30;
    public const int GateCriteria = 20;
    public const int ProjectKeyMin = 2;
    public const int ProjectKeyMax = 10;
    public const int Objective = 2000;
    public const int TaskTitle = 200;
    public const int TaskDescription = 4000;
    public const int Reason = 1000;
    public const int ChecklistText = 300;
    public const int PersonName = 120;

    /// <summary>Who made a change, as the activity log names them: a person, or a token and its owner.</summary>
    public const int ActorName = 200;

    public const int TokenName = 60;
    public const int Email = 256;
    public const int NotificationText = 500;
    public const int EvidenceLink = 500;
    public const int EvidenceLinks = 10;
    public const int Search = 100;
    public const int Password = 128;
    public const int DatasetName = 120;
    public const int VersionLabel = 60;
    public const int Uri = 1000;
    public const int DataFormat = 40;
    public const int Checksum = 200;
    public const int CheckName = 200;
    public const int QualityChecks = 50;
    public const int MetricName = 80;
    public const int Metrics = 50;
    public const int Approach = 200;
    public const int Hypothesis = 2000;
    public const int DatasetVersionsPerModel = 20;
    public const int DatasetParents = 20;

    /// <summary>The longest breach (a week) after which a monitor may open a rework by itself.</summary>
    public const int ReworkAfterMinutes = 10080;

    /// <summary>Signals sent for one monitor in one call.</summary>
    public const int SignalsPerCall = 1000;

    /// <summary>Dataset and model versions named by one handoff.</summary>
    public const int HandedVersions = 20;

    public const int KpiName = 120;
    public const int KpiUnit = 30;
    public const int KpiNote = 500;

    /// <summary>Measurements one KPI keeps.</summary>
    public const int KpiValues = 1000;

    /// <summary>KPIs one project defines.</summary>
    public const int KpisPerProject = 20;

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="length"/> characters with an ellipsis, never inside a
    /// character: half of an emoji (a surrogate pair) cannot be stored, and the change that wrote it would be lost.
    /// </summary>
    public static string Clip(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var keep = char.IsHighSurrogate(text[length - 2]) ? length - 2 : length - 1;
        return string.Concat(text.AsSpan(0, keep), "…");
    }
}

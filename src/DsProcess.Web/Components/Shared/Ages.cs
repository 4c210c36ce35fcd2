namespace DsProcess.Web.Components.Shared;

/// <summary>How long something has waited, in words a person scans quickly.</summary>
internal static class Ages
{
    public static string Since(DateTimeOffset from, DateTimeOffset now)
    {
        var age = now - from;
        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours} h"
            : $"{(int)age.TotalDays} d";
    }
}

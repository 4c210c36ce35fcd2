namespace DsProcess.Web.Components.Shared;

/// <summary>How long ago something happened, or how long it has waited, in words a person scans quickly.</summary>
internal static class Ages
{
    /// <summary>"just now", "5 min ago", "3 h ago", "2 d ago".</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now) =>
        now - at < TimeSpan.FromMinutes(1) ? "just now" : $"{Span(now - at)} ago";

    /// <summary>"under a minute", "5 min", "3 h", "2 d".</summary>
    public static string Waited(DateTimeOffset since, DateTimeOffset now) =>
        now - since < TimeSpan.FromMinutes(1) ? "under a minute" : Span(now - since);

    private static string Span(TimeSpan age) =>
        age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours} h"
        : $"{(int)age.TotalDays} d";
}

using System.Globalization;

namespace DsProcess.Web.Components.Shared;

/// <summary>Date conversions for MudBlazor's pickers (which use DateTime) and the app's date format.</summary>
internal static class Dates
{
    public static DateTime? ToDateTime(this DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    public static DateOnly? ToDateOnly(this DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    public static string Show(this DateOnly? date) => date?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    public static string Show(this DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string ShowShort(this DateOnly? date) => date?.ToString("d MMM", CultureInfo.InvariantCulture) ?? "—";

    public static string Show(this DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

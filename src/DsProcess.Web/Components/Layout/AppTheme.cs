using DsProcess.Domain.Projects;
using MudBlazor;

namespace DsProcess.Web.Components.Layout;

/// <summary>The app's palette, and the colours that identify phases, roles and statuses everywhere.</summary>
internal static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00796b",
            AppbarBackground = "#283593",
            Background = "#f5f6fa",
            // Darker than MudBlazor's own, so text in these colours (and white text on them) reads at 4.5:1 or more.
            TextSecondary = "rgba(0,0,0,0.64)",
            Success = "#2e7d32",
            Info = "#0271b8",
            Warning = "#a85d00",
            Error = "#c62828",
            DrawerBackground = "#ffffff",
        },
        // Dark: the same indigo and teal, lightened to read on dark surfaces (buttons filled with them get dark text).
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da",
            PrimaryContrastText = "#10153a",
            Secondary = "#4db6ac",
            SecondaryContrastText = "#00201c",
            AppbarBackground = "#1c2033",
            Background = "#15171f",
            Surface = "#1f2230",
            DrawerBackground = "#1f2230",
            TextSecondary = "rgba(255,255,255,0.66)",
            Success = "#81c784",
            SuccessContrastText = "#0b2e13",
            Info = "#81d4fa",
            InfoContrastText = "#01273a",
            Warning = "#ffb74d",
            WarningContrastText = "#3a2400",
            Error = "#ef9a9a",
            ErrorContrastText = "#3b0a0a",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };

    public static Color Of(PhaseState state) => state switch
    {
        PhaseState.Active => Color.Primary,
        PhaseState.AwaitingGate => Color.Warning,
        PhaseState.Completed => Color.Success,
        _ => Color.Default,
    };

    public static Color Of(ProjectTaskStatus status) => status switch
    {
        ProjectTaskStatus.InProgress => Color.Info,
        ProjectTaskStatus.Blocked => Color.Error,
        ProjectTaskStatus.Done => Color.Success,
        ProjectTaskStatus.NotApplicable => Color.Dark,
        _ => Color.Default,
    };

    public static Color Of(ProjectStatus status) => status switch
    {
        ProjectStatus.Active => Color.Primary,
        ProjectStatus.OnHold => Color.Warning,
        ProjectStatus.Completed => Color.Success,
        ProjectStatus.InOperation => Color.Info,
        _ => Color.Default,
    };

    public static string Icon(ProjectRole role) => role switch
    {
        ProjectRole.DataEngineer => Icons.Material.Outlined.Storage,
        ProjectRole.DataScientist => Icons.Material.Outlined.Science,
        ProjectRole.MLEngineer => Icons.Material.Outlined.RocketLaunch,
        ProjectRole.TeamLead => Icons.Material.Outlined.Flag,
        ProjectRole.Viewer => Icons.Material.Outlined.Visibility,
        _ => Icons.Material.Outlined.Badge,
    };

    public static string Icon(ProjectTaskStatus status) => status switch
    {
        ProjectTaskStatus.InProgress => Icons.Material.Filled.PlayCircleOutline,
        ProjectTaskStatus.Blocked => Icons.Material.Filled.Block,
        ProjectTaskStatus.Done => Icons.Material.Filled.CheckCircle,
        ProjectTaskStatus.NotApplicable => Icons.Material.Filled.RemoveCircleOutline,
        _ => Icons.Material.Outlined.Circle,
    };
}

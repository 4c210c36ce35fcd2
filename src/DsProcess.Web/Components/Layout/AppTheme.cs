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
            Secondary = "#00897b",
            AppbarBackground = "#283593",
            Background = "#f5f6fa",
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

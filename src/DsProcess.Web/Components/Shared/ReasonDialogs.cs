using MudBlazor;

namespace DsProcess.Web.Components.Shared;

internal static class ReasonDialogs
{
    /// <summary>Asks for a reason; returns null when the user cancels.</summary>
    public static async Task<string?> AskReasonAsync(
        this IDialogService dialogs, string title, string label, string confirmText, string? message = null, Color color = Color.Primary)
    {
        var parameters = new DialogParameters<ReasonDialog>
        {
            { d => d.Label, label },
            { d => d.ConfirmText, confirmText },
            { d => d.Message, message },
            { d => d.ConfirmColor, color },
        };
        var dialog = await dialogs.ShowAsync<ReasonDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string reason } ? reason : null;
    }
}

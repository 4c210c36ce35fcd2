using DsProcess.Application.Common.Exceptions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace DsProcess.Web.Components.Layout;

/// <summary>
/// Catches what a page did not expect, so the page shows a short apology while the circuit (navigation, the bell,
/// dialogs) keeps working; a database that cannot be reached gets its own message (and 503) instead. The layout recovers
/// it when the user goes elsewhere; the Try again button recovers it in place.
/// </summary>
public sealed partial class PageErrorBoundary : ErrorBoundaryBase
{
    private string? _failedAt;

    [Inject]
    private ILogger<PageErrorBoundary> Logger { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    // Set only while the page is rendered for an HTTP request (prerendering); null inside a live circuit.
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    /// <summary>
    /// Starts afresh once the address differs from the one that failed. The same address keeps its apology until
    /// Try again: a page whose query failed to bind would otherwise fail (and be logged) a second time at once.
    /// </summary>
    public void RecoverAfterNavigation()
    {
        if (CurrentException is not null && Navigation.Uri != _failedAt)
        {
            Recover();
        }
    }

    protected override Task OnErrorAsync(Exception exception)
    {
        _failedAt = Navigation.Uri;
        var unavailable = exception is DatabaseUnavailableException;
        if (unavailable)
        {
            // Expected while the database is down; the page says so and Try again loads it once it is back.
            LogUnavailable(Logger, Navigation.Uri);
        }
        else
        {
            LogUnexpected(Logger, exception);
        }

        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while showing a page")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not show {Address}: the database is unavailable")]
    private static partial void LogUnavailable(ILogger logger, string address);
}

using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Common;
using DsProcess.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DsProcess.Web.Components.Shared;

/// <summary>
/// Base for components that send commands: the one place where the application's refusals become
/// what the user sees (a message next to the field, or a snackbar), never a stack trace.
/// </summary>
public abstract partial class AppComponentBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private int _reloadPending;

    [Inject]
    internal UiSender Sender { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<AppComponentBase> Logger { get; set; } = default!;

    [Inject]
    private IChangeFeed ChangeFeed { get; set; } = default!;

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Reloads when a relevant change commits, from any user on any app instance. Notices that arrive while
    /// a reload is queued are folded into it.
    /// </summary>
    protected void ReloadOnChanges(Func<ChangeNotice, bool> isRelevant, Func<Task> reload)
    {
        _subscription?.Dispose();
        _subscription = ChangeFeed.Subscribe(notice =>
        {
            if (!isRelevant(notice) || Interlocked.Exchange(ref _reloadPending, 1) == 1)
            {
                return;
            }

            _ = InvokeAsync(async () =>
            {
                Interlocked.Exchange(ref _reloadPending, 0);
                try
                {
                    await reload();
                    StateHasChanged();
                }
                catch (DatabaseUnavailableException)
                {
                    // The screen keeps what it shows; the change feed announces the change again when it catches up.
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogUnexpected(Logger, ex);
                }
            });
        });
    }

    /// <summary>Runs an operation; returns whether it succeeded. Field errors go to <paramref name="form"/> when given.</summary>
    protected async Task<bool> RunAsync(Func<Task> operation, FormErrors? form = null)
    {
        try
        {
            await operation();
            return true;
        }
        catch (ValidationException ex) when (form is not null)
        {
            form.Set(ex.Errors);
        }
        catch (ValidationException ex)
        {
            Snackbar.Add(string.Join(" ", ex.Errors.SelectMany(e => e.Value)), Severity.Error);
        }
        catch (DomainRuleException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (ConflictException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
            await OnConflictAsync();
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (DatabaseUnavailableException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnexpected(Logger, ex);
            Snackbar.Add("Something went wrong and nothing was saved. The error has been logged; please try again.", Severity.Error);
        }

        return false;
    }

    /// <summary>Called after a conflict so the component can show the latest data.</summary>
    protected virtual Task OnConflictAsync() => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error in a UI operation")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}

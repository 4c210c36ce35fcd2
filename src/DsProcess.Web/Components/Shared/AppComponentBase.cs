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
    private readonly List<ChangeNotice> _pending = [];
    private Task _reading = Task.CompletedTask;

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
    /// a reload is queued are folded into it. With <paramref name="isShown"/>, notices of changes the screen already shows
    /// are let go without a reload: such as the user's own change, which the screen reads back after saving. The notice
    /// often comes before the save has returned, so it is judged once the circuit's commands and the reads that follow
    /// them (<see cref="ReadAsync"/>) are done.
    /// </summary>
    protected void ReloadOnChanges(Func<ChangeNotice, bool> isRelevant, Func<Task> reload, Func<ChangeNotice, bool>? isShown = null) =>
        ReloadOnChanges(isRelevant, _ => reload(), isShown);

    /// <inheritdoc cref="ReloadOnChanges(Func{ChangeNotice, bool}, Func{Task}, Func{ChangeNotice, bool}?)"/>
    /// <param name="reload">Reloads for the notices given (those not shown yet).</param>
    protected void ReloadOnChanges(
        Func<ChangeNotice, bool> isRelevant, Func<IReadOnlyList<ChangeNotice>, Task> reload, Func<ChangeNotice, bool>? isShown = null)
    {
        _subscription?.Dispose();
        _subscription = ChangeFeed.Subscribe(notice =>
        {
            if (!isRelevant(notice))
            {
                return;
            }

            lock (_pending)
            {
                _pending.Add(notice);
                if (_pending.Count > 1)
                {
                    return;
                }
            }

            _ = InvokeAsync(async () =>
            {
                ChangeNotice[] notices;
                lock (_pending)
                {
                    notices = [.. _pending];
                    _pending.Clear();
                }

                if (isShown is not null)
                {
                    await Sender.SettledAsync();
                    await Task.Yield();
                    await _reading.ContinueWith(_ => { }, TaskScheduler.Default);
                    notices = [.. notices.Where(n => !isShown(n))];
                    if (notices.Length == 0)
                    {
                        return;
                    }
                }

                try
                {
                    await reload(notices);
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

    /// <summary>Runs a read of what the component shows; a change notice that comes meanwhile is judged after it.</summary>
    protected Task ReadAsync(Func<Task> read) => _reading = read();

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

using DsProcess.Web.Components.Shared;
using DsProcess.Application.Common.Interfaces;
using Mediator;
using Microsoft.AspNetCore.Components.Authorization;

namespace DsProcess.Web.Infrastructure;

/// <summary>
/// Sends a component's command or query in a DI scope of its own. A circuit lives for minutes, a DbContext
/// must not: every operation gets a fresh scope, with the circuit's signed-in user flowed into it. One per circuit, so it
/// also knows when the circuit's commands are under way (<see cref="SettledAsync"/>).
/// </summary>
internal sealed class UiSender(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    private readonly Lock _lock = new();
    private int _commands;
    private TaskCompletionSource? _settled;

    public async Task<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default)
    {
        await using var scope = await OpenScopeAsync();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }

    public async Task<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _commands++;
        }

        try
        {
            await using var scope = await OpenScopeAsync();
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
        }
        finally
        {
            TaskCompletionSource? settled = null;
            lock (_lock)
            {
                if (--_commands == 0)
                {
                    (settled, _settled) = (_settled, null);
                }
            }

            settled?.TrySetResult();
        }
    }

    /// <summary>Completes when none of the circuit's commands is under way (at once when none is).</summary>
    public Task SettledAsync()
    {
        lock (_lock)
        {
            return _commands == 0
                ? Task.CompletedTask
                : (_settled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    private async Task<AsyncServiceScope> OpenScopeAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var scope = scopes.CreateAsyncScope();
        var user = (CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>();
        user.UserId = CurrentUserId.Of(state.User);
        return scope;
    }
}

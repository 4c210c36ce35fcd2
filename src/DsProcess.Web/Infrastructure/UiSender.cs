using DsProcess.Web.Components.Shared;
using DsProcess.Application.Common.Interfaces;
using Mediator;
using Microsoft.AspNetCore.Components.Authorization;

namespace DsProcess.Web.Infrastructure;

/// <summary>
/// Sends a component's command or query in a DI scope of its own. A circuit lives for minutes, a DbContext
/// must not: every operation gets a fresh scope, with the circuit's signed-in user flowed into it.
/// </summary>
internal sealed class UiSender(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    public async Task<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default)
    {
        await using var scope = await OpenScopeAsync();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }

    public async Task<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default)
    {
        await using var scope = await OpenScopeAsync();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
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

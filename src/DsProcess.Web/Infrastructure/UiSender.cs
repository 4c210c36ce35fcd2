using DsProcess.Application.Common.Interfaces;
using Mediator;

namespace DsProcess.Web.Infrastructure;

/// <summary>
/// Sends a component's command or query in a DI scope of its own. A circuit lives for minutes, a DbContext
/// must not: every operation gets a fresh scope, with the circuit's user flowed into it.
/// </summary>
internal sealed class UiSender(IServiceScopeFactory scopes, ICurrentUser circuitUser)
{
    public async Task<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default)
    {
        await using var scope = OpenScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }

    public async Task<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default)
    {
        await using var scope = OpenScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    private AsyncServiceScope OpenScope()
    {
        var scope = scopes.CreateAsyncScope();
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).Actor = circuitUser.Actor;
        return scope;
    }
}

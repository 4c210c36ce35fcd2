using DsProcess.Application.Common.Interfaces;
using DsProcess.Web.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Tests;

/// <summary>Sends through a second app host, as a person, one DI scope per message (as the UI does).</summary>
public static class HostSending
{
    public static async Task<TResponse> SendAsAsync<TResponse>(this DsProcessApp host, ICommand<TResponse> command, TestPerson actor)
    {
        await using var scope = Scope(host, actor);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public static async Task<TResponse> SendAsAsync<TResponse>(this DsProcessApp host, IQuery<TResponse> query, TestPerson actor)
    {
        await using var scope = Scope(host, actor);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    private static AsyncServiceScope Scope(DsProcessApp host, TestPerson actor)
    {
        var scope = host.Services.CreateAsyncScope();
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).UserId = actor.Id;
        return scope;
    }
}

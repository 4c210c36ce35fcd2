using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Common;
using DsProcess.Infrastructure.Data;
using DsProcess.Web.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Tests;

/// <summary>
/// The app's real service container on a database of its own (one per test class): use cases are sent
/// through the mediator exactly as the UI sends them, one DI scope per operation.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public static readonly Actor Lead = new(Guid.NewGuid(), "Lea Lead");

    private DsProcessApp? _app;

    public string ConnectionString { get; private set; } = "";

    public IServiceProvider Services => _app!.Services;

    /// <summary>Where a browser reaches the app (served fixtures only).</summary>
    public Uri BaseAddress => _app!.BaseAddress;

    /// <summary>Serve the app over HTTP on a free port, for browser tests.</summary>
    protected virtual bool ServeOverHttp => false;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        _app = new DsProcessApp(ConnectionString, ServeOverHttp);
        _ = _app.Services;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await TestPostgres.DropDatabaseAsync(ConnectionString);
        GC.SuppressFinalize(this);
    }

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, Actor? actor = null)
    {
        await using var scope = Scope(actor);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query, Actor? actor = null)
    {
        await using var scope = Scope(actor);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    /// <summary>Reads or arranges data directly, outside the use cases.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Scope(null);
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private AsyncServiceScope Scope(Actor? actor)
    {
        var scope = Services.CreateAsyncScope();
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).Actor = actor ?? Lead;
        return scope;
    }
}

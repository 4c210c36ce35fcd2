using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Teams.Commands.AddMember;
using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Data;
using DsProcess.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Tests;

/// <summary>
/// The app's real service container on a database of its own (one per test class): use cases are sent
/// through the mediator exactly as the UI sends them, one DI scope per operation.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    /// <summary>The password of every account the tests create.</summary>
    public const string Password = "Test-pass-2026";

    private DsProcessApp? _app;

    /// <summary>A team lead (system role), who creates the projects of the tests and leads them.</summary>
    public TestPerson Lead { get; private set; } = default!;

    public string ConnectionString { get; private set; } = "";

    public IServiceProvider Services => _app!.Services;

    /// <summary>Where a browser reaches the app (served fixtures only).</summary>
    public Uri BaseAddress => _app!.BaseAddress;

    /// <summary>A client of the app's HTTP endpoints (in memory); redirects are returned, not followed.</summary>
    public HttpClient CreateClient() =>
        _app!.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Serve the app over HTTP on a free port, for browser tests.</summary>
    protected virtual bool ServeOverHttp => false;

    /// <summary>Replaces some of the app's services with a test's stand-ins (after the app's own registrations).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Configuration the app starts with, beyond the tests' defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        _app = new DsProcessApp(ConnectionString, ServeOverHttp, Settings, ConfigureServices);
        _ = _app.Services;
        Lead = await CreatePersonAsync("Lea Lead", SystemRole.TeamLead);
    }

    /// <summary>Creates an account (password <see cref="Password"/>) and its person.</summary>
    public async Task<TestPerson> CreatePersonAsync(string name, SystemRole role = SystemRole.Member)
    {
        await using var scope = Services.CreateAsyncScope();
        // Any name makes a valid address ("@Mallory Formula" signs in as mallory.formula.…@test.local).
        var local = System.Text.RegularExpressions.Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", ".").Trim('.');
        // Twelve hex digits: with six, the hundreds of accounts one test class makes collided now and then.
        var email = $"{local}.{Guid.NewGuid().ToString("N")[..12]}@test.local";
        var id = await scope.ServiceProvider.GetRequiredService<IIdentityService>()
            .CreateUserAsync(email, name, role, Password, Actor.System, CancellationToken.None);
        return new TestPerson(id, name, email);
    }

    /// <summary>Creates a person and puts them on a project's team (sent by the lead).</summary>
    public async Task<TestPerson> CreateMemberAsync(Guid projectId, string name, params ProjectRole[] roles)
    {
        var person = await CreatePersonAsync(name);
        await SendAsync(new AddMemberCommand { ProjectId = projectId, PersonId = person.Id, Roles = roles });
        return person;
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

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, TestPerson? actor = null)
    {
        await using var scope = Scope(actor);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query, TestPerson? actor = null)
    {
        await using var scope = Scope(actor);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    /// <summary>Sends any command or query, ignoring its result, as someone or (null) as nobody signed in.</summary>
    public async Task SendAnyAsync(object message, TestPerson? actor)
    {
        await using var scope = actor is null ? Services.CreateAsyncScope() : Scope(actor);
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(message);
    }

    /// <summary>Reads or arranges data directly, outside the use cases.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Scope(null);
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Runs a change in a transaction that is then rolled back, as a failure after saving would.</summary>
    public async Task InRolledBackTransactionAsync(Func<AppDbContext, Task> change)
    {
        await using var scope = Scope(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await change(db);
            await transaction.RollbackAsync();
        });
    }

    private AsyncServiceScope Scope(TestPerson? actor)
    {
        var scope = Services.CreateAsyncScope();
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).UserId = (actor ?? Lead)?.Id;
        return scope;
    }
}

/// <summary>A person the tests created, with the e-mail they sign in with (password <see cref="AppFixture.Password"/>).</summary>
public sealed record TestPerson(Guid Id, string Name, string Email)
{
    public Actor AsActor() => new(Id, Name);
}

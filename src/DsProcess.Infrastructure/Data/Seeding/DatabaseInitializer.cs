using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Data.Seeding;

/// <summary>
/// Brings the database up to date before the app serves requests: migrations through the execution
/// strategy, then the default playbook, then (when configured) demo data. Every step is idempotent.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<SeedOptions> seed,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct => await db.Database.MigrateAsync(ct), cancellationToken);

        if (!await db.Playbooks.AnyAsync(p => p.Id == DefaultPlaybook.Id, cancellationToken))
        {
            db.Playbooks.Add(DefaultPlaybook.Create());
            await db.SaveChangesAsync(cancellationToken);
            LogPlaybookSeeded(DefaultPlaybook.Name);
        }

        if (seed.Value.DemoData && !await db.People.AnyAsync(cancellationToken))
        {
            var identity = scope.ServiceProvider.GetRequiredService<IIdentityService>();
            var count = await DemoData.SeedAsync(db, identity, clock.GetUtcNow(), cancellationToken);
            LogDemoSeeded(count, string.Join(", ", DemoData.Accounts.Select(a => a.Email)));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the default playbook \"{Playbook}\"")]
    private partial void LogPlaybookSeeded(string playbook);

    // Never the passwords: logs travel further than the console (collectors, support tickets).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeded {Count} demo projects and the demo accounts {Accounts}; their passwords are in the README (Quick start)")]
    private partial void LogDemoSeeded(int count, string accounts);
}

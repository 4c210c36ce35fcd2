using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Data.Seeding;

/// <summary>
/// Brings the database up to date before the app serves requests: migrations through the execution
/// strategy, then the default playbook and the first data protection key, then the custom roles' names for the app
/// to show, then (when configured) demo data.
/// Every step is idempotent, and several instances may start at once on a new database.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IKeyManager keys,
    IOptions<KeyManagementOptions> keyOptions,
    IOptions<SeedOptions> seed,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    /// <summary>The PostgreSQL advisory lock that lets one starting instance at a time seed (an arbitrary number, used for nothing else).</summary>
    private const long SeedingLock = 0x4473_5072_6f63_0002;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct => await db.Database.MigrateAsync(ct), cancellationToken);

        // Two instances starting together on a new database would otherwise both insert the playbook (the second
        // stops on the duplicate key) and both create a data protection key on first use, each using its own: a
        // cookie one of them issued is then unreadable by the other until it reloads its keys, a day later.
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedingLock})", ct);
            if (!await db.Playbooks.AnyAsync(p => p.Id == DefaultPlaybook.Id, ct))
            {
                db.Playbooks.Add(DefaultPlaybook.Create());
                await db.SaveChangesAsync(ct);
                LogPlaybookSeeded(DefaultPlaybook.Name);
            }

            CreateFirstDataProtectionKey();
            await transaction.CommitAsync(ct);
        }, cancellationToken);

        foreach (var role in await db.CustomRoles.AsNoTracking().ToListAsync(cancellationToken))
        {
            CustomRoles.Know(role.Role, role.Name);
        }

        if (seed.Value.DemoData && !await db.People.AnyAsync(cancellationToken))
        {
            var identity = scope.ServiceProvider.GetRequiredService<IIdentityService>();
            var count = await DemoData.SeedAsync(db, identity, clock.GetUtcNow(), cancellationToken);
            LogDemoSeeded(count, string.Join(", ", DemoData.Accounts.Select(a => a.Email)));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Later keys are made two days before they take over, so every instance has read them by then; only the first is
    // used the moment it exists. The key manager stores it at once, through its own connection.
    private void CreateFirstDataProtectionKey()
    {
        var now = clock.GetUtcNow();
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            keys.CreateNewKey(now, now + keyOptions.Value.NewKeyLifetime);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the default playbook \"{Playbook}\"")]
    private partial void LogPlaybookSeeded(string playbook);

    // Never the passwords: logs travel further than the console (collectors, support tickets).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeded {Count} demo projects and the demo accounts {Accounts}; their passwords are in the README (Quick start)")]
    private partial void LogDemoSeeded(int count, string accounts);
}

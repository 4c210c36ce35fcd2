using DsProcess.Domain.Playbooks;
using DsProcess.Infrastructure;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DsProcess.Application.Tests;

public sealed class DatabaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        var pending = await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, "The EF Core model differs from the last migration: add a migration.");
    }

    [Fact]
    public async Task Every_migration_is_applied_at_start_up()
    {
        var pending = await app.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());

        Assert.Empty(pending);
    }

    [Fact]
    public async Task The_connection_pool_holds_30_connections_unless_the_connection_string_sets_its_own_size()
    {
        var tuned = await app.WithDbAsync(db => Task.FromResult(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())));
        Assert.Equal(DependencyInjection.DefaultMaxPoolSize, tuned.MaxPoolSize);
        Assert.Equal(30, tuned.MaxPoolSize);

        // Even Npgsql's own default, when written out, is a choice that stays.
        await using var host = new DsProcessApp(app.ConnectionString + ";Maximum Pool Size=100");
        await using var scope = host.Services.CreateAsyncScope();
        var chosen = new NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString());
        Assert.Equal(100, chosen.MaxPoolSize);
    }

    [Fact]
    public async Task Starting_twice_seeds_the_playbook_once_and_demo_data_once()
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var demo = new Dictionary<string, string?> { ["DsProcess:Seed:DemoData"] = "true" };
            for (var start = 0; start < 2; start++)
            {
                await using var host = new DsProcessApp(connection, settings: demo, environment: Environments.Development);
                _ = host.Services;
            }

            await using var check = new DsProcessApp(connection);
            await using var scope = check.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.Playbooks.CountAsync(p => p.Id == DefaultPlaybook.Id));
            var keys = await db.Projects.Select(p => p.Key).OrderBy(k => k).ToListAsync();
            Assert.Equal(["CHURN", "DEMAND", "FRAUD", "PRICE", "SHELF"], keys);
            Assert.True(await db.Activity.CountAsync() > 50);
            // Each project's history is spread over its own life, so the demo dashboards show real durations.
            var phases = await db.Phases.Where(p => p.ActualEnd != null).ToListAsync();
            Assert.NotEmpty(phases);
            Assert.All(phases, p => Assert.True(p.ActualEnd - p.ActualStart > TimeSpan.FromDays(1), $"{p.Name} ran {p.ActualEnd - p.ActualStart}."));
            // Boards show a handoff as waiting exactly while nobody has acknowledged it.
            Assert.Equal(await db.Handoffs.CountAsync(h => h.AcknowledgedAt == null), await db.Tasks.CountAsync(t => t.OpenHandoffId != null));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    [Fact]
    public async Task The_migrations_go_back_to_the_first_dashboard_version_and_up_again()
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using (var host = new DsProcessApp(connection))
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                const string firstDashboards = "20261126115137_Dashboards";
                await db.GetService<IMigrator>().MigrateAsync(firstDashboards);
                Assert.Equal(
                    db.Database.GetMigrations().SkipWhile(m => m != firstDashboards).Skip(1),
                    await db.Database.GetPendingMigrationsAsync());
            }

            // Starting again migrates up; the demo projects then exercise the new columns and the lead table.
            await using var again = new DsProcessApp(
                connection, settings: new Dictionary<string, string?> { ["DsProcess:Seed:DemoData"] = "true" }, environment: Environments.Development);
            await using var check = again.Services.CreateAsyncScope();
            var upgraded = check.ServiceProvider.GetRequiredService<AppDbContext>();
            await upgraded.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all()");
            Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
            var lead = Assert.Single(await upgraded.DashboardLeads.ToListAsync());
            Assert.Equal(("Lea Lead", 5), (lead.Name, lead.Projects));
            Assert.Equal(5, await upgraded.Portfolio.SumAsync(c => c.Projects));
            Assert.True(await upgraded.Phases.CountAsync(p => p.LatestReviewId != null) >= 4);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }
}

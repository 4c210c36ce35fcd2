using DsProcess.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task Starting_twice_seeds_the_playbook_once_and_demo_data_once()
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var demo = new Dictionary<string, string?> { ["DsProcess:Seed:DemoData"] = "true" };
            for (var start = 0; start < 2; start++)
            {
                await using var host = new DsProcessApp(connection, settings: demo);
                _ = host.Services;
            }

            await using var check = new DsProcessApp(connection);
            await using var scope = check.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DsProcess.Infrastructure.Data.AppDbContext>();
            Assert.Equal(1, await db.Playbooks.CountAsync(p => p.Id == DefaultPlaybook.Id));
            var keys = await db.Projects.Select(p => p.Key).OrderBy(k => k).ToListAsync();
            Assert.Equal(["CHURN", "DEMAND", "FRAUD", "PRICE", "SHELF"], keys);
            Assert.True(await db.Activity.CountAsync() > 50);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }
}

using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Data;
using DsProcess.Infrastructure.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DsProcess.Application.Tests;

/// <summary>Demo data, whose passwords are public, stays on developers' machines.</summary>
public sealed class DemoDataTests
{
    private static readonly Dictionary<string, string?> Demo = new() { ["DsProcess:Seed:DemoData"] = "true" };

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task Demo_data_outside_Development_stops_the_start_up_with_the_setting_the_reason_and_the_fix(string environment)
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using (var host = new DsProcessApp(connection, settings: Demo, environment: environment))
            {
                var refused = Assert.Throws<OptionsValidationException>(() => host.Services);
                Assert.Contains("DsProcess:Seed:DemoData is on", refused.Message, StringComparison.Ordinal);
                Assert.Contains($"runs in the \"{environment}\" environment", refused.Message, StringComparison.Ordinal);
                Assert.Contains("passwords are published in the README, so it is only allowed in Development", refused.Message, StringComparison.Ordinal);
                Assert.Contains("set it to false", refused.Message, StringComparison.Ordinal);
            }

            Assert.Equal(0, await PeopleAsync(connection));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    [Fact]
    public async Task Demo_data_in_Development_is_seeded_and_the_log_names_the_accounts_but_not_their_passwords()
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var log = new LogEvents();
            await using (var host = new DsProcessApp(connection, settings: Demo, environment: Environments.Development, log: log))
            {
                _ = host.Services;
            }

            Assert.Equal(DemoData.Accounts.Length, await PeopleAsync(connection));
            // PRICE is in operation, its input data drifting now after its error drifted and recovered.
            var (inOperation, pipelines, alerts) = await OperationsAsync(connection);
            Assert.Equal(["PRICE"], inOperation);
            Assert.Equal([PipelineKind.Data, PipelineKind.ML, PipelineKind.DevOps], pipelines);
            Assert.Equal([(MonitorKind.ModelPerformance, AlertClosure.Recovered), (MonitorKind.DataDrift, (AlertClosure?)null)], alerts);
            var seeded = Assert.Single(log.Events, e => e.StartsWith("Seeded 5 demo projects", StringComparison.Ordinal));
            Assert.Contains("their passwords are in the README", seeded, StringComparison.Ordinal);
            Assert.All(DemoData.Accounts, account =>
            {
                Assert.Contains(account.Email, seeded, StringComparison.Ordinal);
                Assert.DoesNotContain(log.Events, e => e.Contains(account.Password, StringComparison.Ordinal));
            });
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    private static async Task<(List<string> InOperation, List<PipelineKind> SucceededPipelines, List<(MonitorKind, AlertClosure?)> Alerts)> OperationsAsync(string connection)
    {
        await using var host = new DsProcessApp(connection);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var inOperation = await db.Projects.Where(p => p.Status == ProjectStatus.InOperation).Select(p => p.Key).ToListAsync();
        var pipelines = await db.Pipelines.Where(p => p.State == PipelineState.Succeeded).OrderBy(p => p.Kind).Select(p => p.Kind).ToListAsync();
        var alerts = await db.Alerts.OrderBy(a => a.OpenedAt).Select(a => new { a.Kind, a.ClosedBecause }).ToListAsync();
        return (inOperation, pipelines, [.. alerts.Select(a => (a.Kind, a.ClosedBecause))]);
    }

    private static async Task<int> PeopleAsync(string connection)
    {
        await using var host = new DsProcessApp(connection);
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().People.CountAsync();
    }
}

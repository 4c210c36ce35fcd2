using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tests;

/// <summary>The settings the app's connections run with: the plans its short, selective queries want.</summary>
public sealed class SessionSettingsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_apps_connections_run_generic_plans_without_jit_or_parallel_workers()
    {
        var settings = await app.WithDbAsync(db => db.Database.SqlQuery<string>($"""
            SELECT concat_ws(' ', current_setting('jit'), current_setting('plan_cache_mode'), current_setting('max_parallel_workers_per_gather')) AS "Value"
            """).SingleAsync());

        Assert.Equal("off force_generic_plan 0", settings);
    }
}

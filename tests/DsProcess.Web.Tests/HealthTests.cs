using System.Net;
using DsProcess.Infrastructure.ChangeFeed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DsProcess.Web.Tests;

/// <summary><c>/health</c> tells a load balancer and an operator how the instance is, and why.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private string _connectionString = "";
    private DsProcessApp? _app;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        _app = new DsProcessApp(_connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await AdminAsync($"ALTER DATABASE \"{Database}\" ALLOW_CONNECTIONS true");
        await TestPostgres.DropDatabaseAsync(_connectionString);
    }

    private string Database => new NpgsqlConnectionStringBuilder(_connectionString).Database!;

    [Fact]
    public async Task Health_is_degraded_with_the_reason_while_the_change_feed_cannot_listen_and_healthy_after_it_reconnects()
    {
        var client = _app!.CreateClient();
        var feed = _app.Services.GetRequiredService<PostgresChangeFeed>();
        var healthy = await HealthUntilAsync(client, "Healthy");
        Assert.Contains("change-feed: Healthy", healthy, StringComparison.Ordinal);

        // New connections to this test's database are refused, so the feed cannot reconnect; the app's pooled
        // connections stay open and keep serving (a few more are opened first, so that the health check and the
        // dashboard refresher never need a new one while the database refuses them).
        await FillThePoolAsync();
        await AdminAsync($"ALTER DATABASE \"{Database}\" ALLOW_CONNECTIONS false");
        var terminated = await AdminAsync(
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{PostgresChangeFeed.ApplicationName}' AND datname = '{Database}'");
        Assert.Equal(1L, terminated);

        var degraded = await HealthUntilAsync(client, "Degraded");
        Assert.Contains("database: Healthy", degraded, StringComparison.Ordinal);
        Assert.Contains("change-feed: Degraded (The change feed is not listening to PostgreSQL", degraded, StringComparison.Ordinal);
        Assert.False(feed.IsListening);

        await AdminAsync($"ALTER DATABASE \"{Database}\" ALLOW_CONNECTIONS true");
        var recovered = await HealthUntilAsync(client, "Healthy");
        Assert.Contains("change-feed: Healthy", recovered, StringComparison.Ordinal);
        Assert.True(feed.Reconnects >= 1);
    }

    /// <summary>Asks /health until its first line is the status (failing after 30 s); Healthy and Degraded answer 200.</summary>
    private static async Task<string> HealthUntilAsync(HttpClient client, string status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var last = "";
        while (!timeout.IsCancellationRequested)
        {
            using var response = await client.GetAsync("/health", timeout.Token);
            last = await response.Content.ReadAsStringAsync(timeout.Token);
            if (last.Split('\n')[0].TrimEnd('\r') == status)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
                return last;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        Assert.Fail($"/health did not answer {status} within 30 s; last answer:\n{last}");
        return last;
    }

    private async Task FillThePoolAsync()
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        var pooled = scope.ServiceProvider.GetRequiredService<DsProcess.Infrastructure.Data.AppDbContext>().Database.GetConnectionString();
        var connections = Enumerable.Range(0, 6).Select(_ => new NpgsqlConnection(pooled)).ToList();
        await Task.WhenAll(connections.Select(c => c.OpenAsync()));
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
    }

    /// <summary>Runs a statement on the server's maintenance database, outside the app's pools.</summary>
    private async Task<object?> AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(_connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

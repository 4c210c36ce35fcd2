using DsProcess.Domain.Playbooks;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Testcontainers.PostgreSql;

namespace DsProcess.Tests;

/// <summary>
/// Throwaway PostgreSQL databases for tests. The server comes from DSPROCESS_TEST_POSTGRES when it is set
/// (a connection string without a database) and from a Testcontainers container otherwise. The schema is
/// migrated once into a template; every test class gets its own copy of it, which takes milliseconds.
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "DSPROCESS_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static string? _server;
    private static string? _template;
    private static PostgreSqlContainer? _container;

    /// <summary>Creates an empty, migrated database with the default playbook and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await ServerAsync();
        var template = await TemplateAsync(server);
        var name = $"dsp_test_{RunId}_{Guid.NewGuid().ToString("N")[..12]}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return Database(server, name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        // FORCE ends the sessions still open on it; clearing every pool here would also empty the pools of apps that
        // other tests still run (a test that keeps its database from taking new connections then loses its own).
        await ExecuteAsync(await ServerAsync(), $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task<string> ServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is not null)
            {
                return _server;
            }

            var fromEnvironment = Environment.GetEnvironmentVariable(ServerVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return _server = fromEnvironment;
            }

            _container = new PostgreSqlBuilder("postgres:17-alpine").Build();
            await _container.StartAsync();
            return _server = _container.GetConnectionString();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> TemplateAsync(string server)
    {
        await Gate.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            var name = $"dsp_template_{RunId}";
            var options = new DbContextOptionsBuilder<AppDbContext>()
                .UseNpgsql(Database(server, name))
                .UseSnakeCaseNamingConvention()
                .Options;
            await using (var db = new AppDbContext(options))
            {
                await db.Database.MigrateAsync();
                db.Playbooks.Add(DefaultPlaybook.Create());
                await db.SaveChangesAsync();
            }

            // A template cannot be copied while anyone is connected to it.
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(server, name);
            return _template = name;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string Database(string server, string name) =>
        new NpgsqlConnectionStringBuilder(server) { Database = name, IncludeErrorDetail = true }.ConnectionString;

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(Database(server, "postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void DropQuietly(string server, string name)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // The server may already be gone (a stopped container); nothing is left to clean.
        }
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Threading.Channels;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Application.Tokens;
using DsProcess.Application.Tokens.Commands.CreatePersonalToken;
using DsProcess.Application.Tokens.Commands.RevokeToken;
using DsProcess.Domain.Integration;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.ChangeFeed;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DsProcess.Web.Tests;

/// <summary>Two app instances (two Kestrel hosts) on one database: what one commits, the other hears.</summary>
public sealed class ChangeFeedTests(ServedAppFixture app) : IClassFixture<ServedAppFixture>, IAsyncLifetime
{
    private DsProcessApp? _other;

    private PostgresChangeFeed OtherFeed => _other!.Services.GetRequiredService<PostgresChangeFeed>();

    public async ValueTask InitializeAsync()
    {
        _other = new DsProcessApp(app.ConnectionString, serveOverHttp: true);
        await Eventually.TrueAsync(() => OtherFeed.IsListening);
    }

    public async ValueTask DisposeAsync()
    {
        if (_other is not null)
        {
            await _other.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_change_through_one_instance_reaches_a_listener_on_the_other()
    {
        var board = await app.CreateProjectAsync();
        var task = await app.TaskAsync(board.Key, "Data collection");
        var notices = Listen(OtherFeed);

        var sent = Stopwatch.StartNew();
        await app.SendAsync(new SetChecklistItemCommand(task.Id, 1, true));
        await notices.ReadUntilAsync(n => n.Scope == ChangeScope.Project && n.Id == board.Id);

        Measurements.Record("change from instance A heard on instance B", sent.Elapsed.TotalMilliseconds, "ms");
        Assert.NotEqual(_other!.BaseAddress, app.BaseAddress);
    }

    [Fact]
    public async Task After_its_connection_is_killed_the_listener_reconnects_and_catches_up()
    {
        var board = await app.CreateProjectAsync();
        var task = await app.TaskAsync(board.Key, "Data collection");
        var reconnectsBefore = OtherFeed.Reconnects;
        var notices = Listen(OtherFeed);

        await TerminateListenersAsync();
        await app.SendAsync(new SetChecklistItemCommand(task.Id, 2, true));

        // Whether the change landed before the reconnect (catch-up read) or after (live), it arrives.
        await notices.ReadUntilAsync(n => n.Scope == ChangeScope.Project && n.Id == board.Id);
        await Eventually.TrueAsync(() => OtherFeed.IsListening && OtherFeed.Reconnects > reconnectsBefore);
    }

    [Fact]
    public async Task A_rolled_back_change_announces_nothing()
    {
        var rolledBack = await app.CreateProjectAsync();
        var committed = await app.CreateProjectAsync();
        var notices = Listen(OtherFeed);

        await app.InRolledBackTransactionAsync(async db =>
        {
            var tracked = await db.Tasks.Include(t => t.Phase).ThenInclude(p => p.Project).FirstAsync(t => t.ProjectId == rolledBack.Id);
            tracked.SetChecklistItem(1, true, app.Lead.AsActor(), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        var marker = await app.TaskAsync(committed.Key, "Data collection");
        await app.SendAsync(new SetChecklistItemCommand(marker.Id, 1, true));

        var first = await notices.ReadUntilAsync(n => n.Scope == ChangeScope.Project && (n.Id == rolledBack.Id || n.Id == committed.Id));
        Assert.Equal(committed.Id, first.Id);
    }

    [Fact]
    public async Task A_notice_names_its_transaction_so_a_board_read_after_the_commit_knows_it_shows_the_change()
    {
        var board = await app.CreateProjectAsync();
        var task = await app.TaskAsync(board.Key, "Data collection");
        var notices = Listen(OtherFeed);
        var before = await app.BoardAsync(board.Key);

        await app.SendAsync(new SetChecklistItemCommand(task.Id, 1, true));
        var notice = await notices.ReadUntilAsync(n => n.Scope == ChangeScope.Project && n.Id == board.Id);
        var after = await app.BoardAsync(board.Key);

        Assert.NotNull(notice.Transaction);
        Assert.False(before.Seen!.Saw(notice));
        Assert.True(after.Seen!.Saw(notice));

        // A change still open while the board is read is not shown by it, however its notice and the read interleave.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        ProjectBoardDto? whileOpen = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var tracked = await db.Tasks.Include(t => t.Phase).ThenInclude(p => p.Project).FirstAsync(t => t.Id == task.Id);
            tracked.SetChecklistItem(2, true, app.Lead.AsActor(), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            whileOpen = await app.BoardAsync(board.Key);
            await transaction.CommitAsync();
        });
        var late = await notices.ReadUntilAsync(n => n.Scope == ChangeScope.Project && n.Id == board.Id);
        Assert.False(whileOpen!.Seen!.Saw(late));
        Assert.True((await app.BoardAsync(board.Key)).Seen!.Saw(late));
    }

    [Fact]
    public async Task A_token_revoked_through_one_instance_is_refused_by_the_other_that_had_it_checked()
    {
        var person = await app.CreatePersonAsync("Otto Other");
        var token = await app.SendAsync(new CreatePersonalTokenCommand("ci job", TokenScope.Read, 7), person);
        using var other = new HttpClient { BaseAddress = _other!.BaseAddress };
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        var checkedTokens = _other.Services.GetRequiredService<CheckedTokens>();

        await (await other.GetAsync("/api/v1/projects")).ExpectAsync(200);
        var remembered = checkedTokens.Find(TokenSecrets.Hash(token.Secret), DateTimeOffset.UtcNow);
        await app.SendAsync(new RevokeTokenCommand(token.Id), person);

        Assert.NotNull(remembered);
        await Eventually.TrueAsync(() => checkedTokens.Find(TokenSecrets.Hash(token.Secret), DateTimeOffset.UtcNow) is null);
        Assert.Contains("revoked", (await (await other.GetAsync("/api/v1/projects")).ProblemAsync(401))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static ChannelReader<ChangeNotice> Listen(IChangeFeed feed)
    {
        var channel = Channel.CreateUnbounded<ChangeNotice>();
        feed.Subscribe(n => channel.Writer.TryWrite(n));
        return channel.Reader;
    }

    private async Task TerminateListenersAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()",
            connection);
        command.Parameters.AddWithValue("name", PostgresChangeFeed.ApplicationName);
        var terminated = (long)(await command.ExecuteScalarAsync())!;
        Assert.True(terminated >= 2, $"expected the listeners of both instances, terminated {terminated}");
    }

}

internal static class ChannelWaiting
{
    /// <summary>Reads notices until one matches, failing after 10 seconds.</summary>
    public static async Task<ChangeNotice> ReadUntilAsync(this ChannelReader<ChangeNotice> reader, Func<ChangeNotice, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var notice = await reader.ReadAsync(timeout.Token);
            if (match(notice))
            {
                return notice;
            }
        }
    }
}

using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using DsProcess.Application.Common.Diagnostics;
using DsProcess.Application.Common.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DsProcess.Infrastructure.ChangeFeed;

/// <summary>
/// The change feed over PostgreSQL LISTEN/NOTIFY. Triggers on <c>activity</c> and <c>notifications</c> send
/// <c>project:{id}:{transaction}</c> or <c>person:{id}:{transaction}</c>, one on <c>webhook_deliveries</c> sends <c>webhooks:{project id}</c>,
/// and ones on <c>people</c> and <c>api_tokens</c> send <c>caller:{person id}</c>,
/// on the <see cref="Channel"/> when a transaction commits (nothing for a rolled-back one). One dedicated connection
/// per app instance listens; when it drops, the feed reconnects and catches up by reading what changed while it was
/// away.
/// <para>
/// Metrics: the notices received by scope, the time from receiving a notice to having handed it to every subscriber
/// (a NOTIFY carries no commit time, so the lag before it arrives is not known here), and the subscribers listening.
/// </para>
/// </summary>
public sealed partial class PostgresChangeFeed(string connectionString, TimeProvider clock, IMeterFactory meters, ILogger<PostgresChangeFeed> logger)
    : BackgroundService, IChangeFeed
{
    public const string Channel = "dsprocess_changes";
    public const string ApplicationName = "dsprocess-change-feed";

    public const string NoticesMetric = "dsprocess.change_feed.notices";
    public const string DispatchDurationMetric = "dsprocess.change_feed.dispatch.duration";
    public const string SubscribersMetric = "dsprocess.change_feed.subscribers";

    // Changes committed this long before a drop are read again on reconnect: covers clock skew between instances.
    private static readonly TimeSpan CatchUpMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private ImmutableList<Action<ChangeNotice>> _subscribers = [];

    private readonly Counter<long> _notices = meters.Create(Telemetry.MeterName).CreateCounter<long>(
        NoticesMetric, "{notice}", "Change notices received from PostgreSQL (and read again after a reconnect), by scope.");

    private readonly Histogram<double> _dispatch = meters.Create(Telemetry.MeterName).CreateHistogram(
        DispatchDurationMetric,
        "s",
        "Time from receiving a change notice to having handed it to every subscriber.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1] });

    private int _session;

    private int _sessions;

    /// <summary>Whether the listening connection is up (for health and tests).</summary>
    public bool IsListening => Session != 0;

    public int Session => Volatile.Read(ref _session);

    /// <summary>How many times the listening connection was re-established.</summary>
    public int Reconnects { get; private set; }

    public IDisposable Subscribe(Action<ChangeNotice> onChange)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(onChange));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(onChange)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        meters.Create(Telemetry.MeterName).CreateObservableGauge(SubscribersMetric, () => _subscribers.Count, "{subscriber}", "Open components and workers listening to the change feed.");
        DateTimeOffset? droppedAt = null;
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString)
                {
                    ApplicationName = ApplicationName,
                    Pooling = false,
                    KeepAlive = 15,
                }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Publish(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (droppedAt is { } since)
                {
                    Reconnects++;
                    var caughtUp = await CatchUpAsync(connection, since - CatchUpMargin, stoppingToken);
                    LogReconnected(caughtUp);
                }

                Volatile.Write(ref _session, ++_sessions);
                backoff = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                if (IsListening || droppedAt is null)
                {
                    droppedAt = clock.GetUtcNow();
                }

                Volatile.Write(ref _session, 0);
                LogDropped(ex.Message, backoff.TotalMilliseconds);
                await Task.Delay(backoff, clock, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }

        Volatile.Write(ref _session, 0);
    }

    private async Task<int> CatchUpAsync(NpgsqlConnection connection, DateTimeOffset since, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT DISTINCT 'project:' || project_id FROM activity WHERE at >= @since AND project_id IS NOT NULL
            UNION
            SELECT DISTINCT 'person:' || recipient_id FROM notifications WHERE created_at >= @since
            UNION
            SELECT DISTINCT 'webhooks:' || project_id FROM webhook_deliveries WHERE delivered_at IS NULL
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("since", since.UtcDateTime);
        var payloads = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                payloads.Add(reader.GetString(0));
            }
        }

        foreach (var payload in payloads)
        {
            Publish(payload);
        }

        return payloads.Count;
    }

    private void Publish(string payload)
    {
        var received = Stopwatch.GetTimestamp();
        var notice = Parse(payload);
        if (notice is null)
        {
            return;
        }

        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(notice);
            }
            catch (Exception ex)
            {
                LogSubscriberFailed(ex);
            }
        }

        if (_notices.Enabled || _dispatch.Enabled)
        {
            var scope = new KeyValuePair<string, object?>("scope", ScopeName(notice.Scope));
            _notices.Add(1, scope);
            _dispatch.Record(Stopwatch.GetElapsedTime(received).TotalSeconds, scope);
        }
    }

    private static string ScopeName(ChangeScope scope) => scope switch
    {
        ChangeScope.Project => "project",
        ChangeScope.Person => "person",
        ChangeScope.Webhooks => "webhooks",
        ChangeScope.Caller => "caller",
        _ => "other",
    };

    // "project:{id}", "person:{id}" or "webhooks:{id}", then ":{transaction}" when the trigger says which one committed it.
    private static ChangeNotice? Parse(string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length is < 2 or > 3 || !Guid.TryParse(parts[1], out var id))
        {
            return null;
        }

        ulong? transaction = parts.Length == 3 && ulong.TryParse(parts[2], CultureInfo.InvariantCulture, out var xid) ? xid : null;
        ChangeScope? scope = parts[0] switch
        {
            "project" => ChangeScope.Project,
            "person" => ChangeScope.Person,
            "webhooks" => ChangeScope.Webhooks,
            "caller" => ChangeScope.Caller,
            _ => null,
        };
        return scope is { } known ? new ChangeNotice(known, id, transaction) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change feed connection dropped ({Reason}); reconnecting in {DelayMs} ms")]
    private partial void LogDropped(string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Change feed reconnected; caught up on {Count} changed items")]
    private partial void LogReconnected(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A change feed subscriber failed")]
    private partial void LogSubscriberFailed(Exception exception);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using DsProcess.Application.Common.Diagnostics;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Webhooks;
using DsProcess.Domain.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly.Timeout;

namespace DsProcess.Infrastructure.Webhooks;

/// <summary>
/// Delivers queued webhook events. Each round claims due outbox rows with <c>FOR UPDATE SKIP LOCKED</c> and stamps them
/// with a lease (a time and a token), so two app instances never take the same row; the lease outlives any attempt the
/// worker starts, and the outcome is recorded only under the same token. Rows of one subscription go out one after
/// another (a failure stops the rest until the back-off is over), different subscriptions in parallel. A commit that
/// queues an event wakes the worker through the change feed; otherwise it looks every
/// <see cref="WebhookOptions.PollInterval"/>, which is when retries fall due. While a metrics listener observes
/// <see cref="PendingMetric"/>, the worker counts the undelivered events between rounds, at most every
/// <see cref="PendingCountInterval"/>; nobody listening, no count.
/// </summary>
public sealed partial class WebhookDispatcher(
    string connectionString,
    IServiceScopeFactory scopes,
    IChangeFeed feed,
    IHttpClientFactory httpClients,
    WebhookSecretProtector secrets,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    IMeterFactory meters,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    public const string PendingMetric = "dsprocess.webhooks.pending";

    /// <summary>How often, at most, the pending events are counted for <see cref="PendingMetric"/>.</summary>
    public static readonly TimeSpan PendingCountInterval = TimeSpan.FromSeconds(10);

    private long? _pending;
    private long _pendingCountedAt;

    /// <summary>An attempt is started only while the lease has this much left beyond the attempt's own timeout.</summary>
    public static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(5);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private WebhookOptions Options => options.Value;

    /// <summary>Looks for due events now (the change feed calls it when events are queued).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Deliver)
        {
            LogDeliveryOff();
            return;
        }

        var pendingGauge = meters.Create(Telemetry.MeterName).CreateObservableGauge(
            PendingMetric,
            () => _pending is { } pending ? [new Measurement<long>(pending)] : Array.Empty<Measurement<long>>(),
            "{delivery}",
            $"Webhook events not yet delivered (due, backing off, or held by a paused webhook), counted at most every {PendingCountInterval.TotalSeconds:0} s.");
        using var subscription = feed.Subscribe(notice =>
        {
            if (notice.Scope == ChangeScope.Webhooks)
            {
                Wake();
            }
        });
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed;
            try
            {
                claimed = await RoundAsync(stoppingToken);
                failures = 0;
                if (pendingGauge.Enabled && (_pendingCountedAt == 0 || Stopwatch.GetElapsedTime(_pendingCountedAt) >= PendingCountInterval))
                {
                    _pending = await CountPendingAsync(stoppingToken);
                    _pendingCountedAt = Stopwatch.GetTimestamp();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database is away, most likely; what was claimed goes back when its lease runs out.
                LogRoundFailed(ex);
                claimed = 0;
                failures++;
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(200 * Math.Pow(2, failures), 10_000)), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (claimed < Options.BatchSize)
            {
                await WaitForWorkAsync(stoppingToken);
            }
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(Options.PollInterval);
        try
        {
            await _wake.Reader.WaitToReadAsync(poll.Token);
        }
        catch (OperationCanceledException)
        {
            // The poll interval passed, or the app is stopping; the loop tells which.
        }

        _wake.Reader.TryRead(out _);
    }

    /// <summary>Claims due events, delivers them, records the outcomes; returns how many were claimed.</summary>
    private async Task<int> RoundAsync(CancellationToken cancellationToken)
    {
        var lease = Guid.NewGuid();
        var claimedAt = Stopwatch.GetTimestamp();
        var claimed = await ClaimAsync(lease, cancellationToken);
        if (claimed.Count > 0)
        {
            await Task.WhenAll(claimed.GroupBy(c => c.SubscriptionId).Select(g => DeliverAsync([.. g], lease, claimedAt, cancellationToken)));
        }

        return claimed.Count;
    }

    private async Task<List<Claimed>> ClaimAsync(Guid lease, CancellationToken cancellationToken)
    {
        // SKIP LOCKED: rows another instance is claiming this instant are left to it; the lease keeps them its own after
        // its statement commits. A row is due when its time has come, nobody holds a live lease on it, and its
        // subscription is active and not backing off.
        const string sql = """
            WITH due AS (
                SELECT d.id
                FROM webhook_deliveries d
                JOIN webhook_subscriptions s ON s.id = d.subscription_id
                WHERE d.delivered_at IS NULL
                  AND d.next_attempt_at <= now()
                  AND (d.locked_until IS NULL OR d.locked_until <= now())
                  AND s.state = @active
                  AND (s.retry_at IS NULL OR s.retry_at <= now())
                ORDER BY d.next_attempt_at, d.id
                LIMIT @batch
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE webhook_deliveries d
            SET locked_until = now() + @lease, lease_token = @token
            FROM due, webhook_subscriptions s
            WHERE d.id = due.id AND s.id = d.subscription_id
            RETURNING d.id, d.event_id, d.subscription_id, d.type, d.occurred_at, d.project_key, d.project_name, d.payload::text, s.url, s.protected_secret
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("active", (int)WebhookSubscriptionState.Active);
        command.Parameters.AddWithValue("batch", Options.BatchSize);
        command.Parameters.AddWithValue("lease", Options.Lease);
        command.Parameters.AddWithValue("token", lease);
        var claimed = new List<Claimed>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new Claimed(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetGuid(2),
                (WebhookEventType)reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.GetString(9)));
        }

        return [.. claimed.OrderBy(c => c.OccurredAt)];
    }

    private async Task DeliverAsync(List<Claimed> rows, Guid lease, long claimedAt, CancellationToken cancellationToken)
    {
        var attempts = new List<(Guid DeliveryId, WebhookAttemptOutcome Outcome)>();
        string? secret = null;
        try
        {
            secret = secrets.Unprotect(rows[0].ProtectedSecret);
        }
        catch (CryptographicException)
        {
            attempts.Add((rows[0].Id, new WebhookAttemptOutcome(clock.GetUtcNow(), null, 0,
                "The signing secret can no longer be read (the data protection keys changed); remove this webhook and subscribe again.")));
        }

        var startBefore = Options.Lease - Options.Timeout - LeaseMargin;
        foreach (var row in rows)
        {
            if (secret is null || Stopwatch.GetElapsedTime(claimedAt) > startBefore)
            {
                break;
            }

            var outcome = await SendAsync(row, secret, cancellationToken);
            attempts.Add((row.Id, outcome));
            if (!outcome.Succeeded)
            {
                LogFailed(row.EventId, WebhookEndpoint.Redacted(row.Url), outcome.Error ?? "");
                break;
            }
        }

        var outcomes = new SubscriptionOutcomes(
            rows[0].SubscriptionId,
            lease,
            attempts,
            failures => clock.GetUtcNow() + WebhookRetry.DelayAfter(failures, Options.BackoffBase, Options.MaxBackoff, Random.Shared.NextDouble()));
        if (attempts.Count > 0)
        {
            await RecordAsync(outcomes, cancellationToken);
        }

        await ReleaseAsync([.. rows.Skip(attempts.Count).Select(r => r.Id)], lease, cancellationToken);
    }

    private async Task<WebhookAttemptOutcome> SendAsync(Claimed row, string secret, CancellationToken cancellationToken)
    {
        var body = Envelope(row);
        var at = clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, row.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("DsProcess-Webhooks/1");
        request.Headers.Add("X-DsProcess-Event", WebhookEvents.WireName(row.Type));
        request.Headers.Add("X-DsProcess-Delivery", row.EventId.ToString());
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(secret, at.ToUnixTimeSeconds(), body));
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            var error = response.IsSuccessStatusCode ? null
                : status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed; give the final address."
                : $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
            return new WebhookAttemptOutcome(at, status, Elapsed(), error);
        }
        catch (TimeoutRejectedException)
        {
            return new WebhookAttemptOutcome(at, null, Elapsed(), $"No answer within {Options.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptOutcome(at, null, Elapsed(), ex.InnerException is WebhookAddressRefusedException refused ? refused.Message : ex.Message);
        }
    }

    /// <summary>The body: <c>{ id, type, occurredAt, project: { key, name }, data }</c>, in that order.</summary>
    private static byte[] Envelope(Claimed row)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", row.EventId);
            json.WriteString("type", WebhookEvents.WireName(row.Type));
            json.WriteString("occurredAt", row.OccurredAt.UtcDateTime);
            json.WriteStartObject("project");
            json.WriteString("key", row.ProjectKey);
            json.WriteString("name", row.ProjectName);
            json.WriteEndObject();
            json.WritePropertyName("data");
            json.WriteRawValue(row.Payload);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async Task RecordAsync(SubscriptionOutcomes outcomes, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                if (await scope.ServiceProvider.GetRequiredService<WebhookOutcomes>().RecordAsync(outcomes, Options.MaxAttempts, cancellationToken))
                {
                    LogPaused(outcomes.SubscriptionId, Options.MaxAttempts);
                }

                return;
            }
            catch (ConflictException) when (attempt < 3)
            {
                // The lead paused, resumed or removed the webhook meanwhile: read it again and apply the outcomes to that.
            }
        }
    }

    private async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        // The partial index on undelivered rows answers this without reading the delivered history.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ReleaseAsync(Guid[] ids, Guid lease, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE webhook_deliveries SET locked_until = NULL, lease_token = NULL WHERE id = ANY(@ids) AND lease_token = @token", connection);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("token", lease);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery is off on this instance (DsProcess:Webhooks:Deliver); other instances send the queued events")]
    private partial void LogDeliveryOff();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery round failed")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook event {EventId} to {Url} failed: {Error}")]
    private partial void LogFailed(Guid eventId, string url, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {SubscriptionId} paused after {Failures} failed deliveries in a row")]
    private partial void LogPaused(Guid subscriptionId, int failures);

    private sealed record Claimed(
        Guid Id,
        Guid EventId,
        Guid SubscriptionId,
        WebhookEventType Type,
        DateTimeOffset OccurredAt,
        string ProjectKey,
        string ProjectName,
        string Payload,
        string Url,
        string ProtectedSecret);
}

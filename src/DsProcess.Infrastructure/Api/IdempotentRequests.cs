using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DsProcess.Infrastructure.Api;

/// <summary>What an API request answered: replayed as it was for a retry with the same Idempotency-Key.</summary>
public sealed record StoredResponse(int StatusCode, string? Body, string? Location, string? ETag);

/// <summary>The same Idempotency-Key came back with a different request; nothing was done.</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was already used for a different request. Use a new key for a new request.");

/// <summary>
/// Runs a change at most once per caller and Idempotency-Key.
/// <para>
/// How: one transaction runs the change (whose SaveChanges joins the transaction), then inserts the key (caller, key,
/// request hash) with the response, and commits: the key, the change and the response become visible together or not
/// at all, and a first request pays no round trip for the key before its work. A request whose key is already there
/// rolls its own work back and replays the stored response. A duplicate running at the same time does the work too;
/// where the two collide (its key, or a row the first wrote, such as the same version label) it waits until the first
/// transaction ends: after a commit it finds the key, rolls back and replays; after a rollback it carries on. So any
/// failure of the change is checked against a committed twin before it is reported. A failed request stores nothing,
/// so its retry runs again. Keys live 24 hours: an older row is taken over by the next request with its key, and old
/// rows are deleted at most once a minute per app instance.
/// </para>
/// </summary>
public sealed class IdempotentRequests(AppDbContext db, TimeProvider clock)
{
    public const int MaxKeyLength = 255;

    public const int MaxCallerLength = 80;

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private static long _nextSweepTicks;

    /// <summary>
    /// The response of <paramref name="execute"/>, run now in one transaction with the key, or the one stored by an
    /// earlier request with the key (<c>Replayed</c>). <paramref name="execute"/> may run more than once when the
    /// database drops the connection; each run starts from an empty change tracker and a fresh transaction.
    /// </summary>
    public async Task<(StoredResponse Response, bool Replayed)> RunOnceAsync(
        string callerId, string key, string requestHash, Func<Task<StoredResponse>> execute, CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            // A refused change rolls the whole transaction back, so SaveChanges needs no savepoint (two round trips).
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            StoredResponse response;
            try
            {
                response = await execute();
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not NpgsqlException { IsTransient: true })
            {
                // The change may have failed because a twin with the same key did it first (the same label, a stale
                // version): then the twin's response is the answer.
                await transaction.RollbackAsync(ct);
                if (await StoredAsync(callerId, key, requestHash, ct) is { } twin)
                {
                    return (twin, true);
                }

                throw;
            }

            var now = clock.GetUtcNow();
            var expired = now - Lifetime;
            var stored = await db.Database.SqlQuery<int>($"""
                INSERT INTO api_idempotency_keys (caller_id, key, request_hash, created_at, status_code, response_body, location, etag)
                VALUES ({callerId}, {key}, {requestHash}, {now}, {response.StatusCode}, {response.Body}, {response.Location}, {response.ETag})
                ON CONFLICT (caller_id, key) DO UPDATE
                    SET request_hash = excluded.request_hash, created_at = excluded.created_at, status_code = excluded.status_code,
                        response_body = excluded.response_body, location = excluded.location, etag = excluded.etag
                    WHERE api_idempotency_keys.created_at < {expired}
                RETURNING 1 AS "Value"
                """).ToListAsync(ct);
            if (stored.Count == 0)
            {
                await transaction.RollbackAsync(ct);
                return (await StoredAsync(callerId, key, requestHash, ct)
                    ?? throw new InvalidOperationException("An Idempotency-Key was taken and then gone."), true);
            }

            await transaction.CommitAsync(ct);
            return (response, false);
        }, cancellationToken);
    }

    /// <summary>The response committed with the key, if any; the key with another request is refused.</summary>
    private async Task<StoredResponse?> StoredAsync(string callerId, string key, string requestHash, CancellationToken cancellationToken)
    {
        var expired = clock.GetUtcNow() - Lifetime;
        var stored = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.CallerId == callerId && r.Key == key && r.CreatedAt >= expired, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        return stored.RequestHash == requestHash
            ? new StoredResponse(stored.StatusCode ?? 500, stored.ResponseBody, stored.Location, stored.ETag)
            : throw new IdempotencyKeyReusedException();
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return;
        }

        var expired = now - Lifetime;
        await db.Database.ExecuteSqlAsync($"DELETE FROM api_idempotency_keys WHERE created_at < {expired}", cancellationToken);
    }
}

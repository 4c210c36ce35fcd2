using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Infrastructure.Api;

/// <summary>What an API request answered: replayed as it was for a retry with the same Idempotency-Key.</summary>
public sealed record StoredResponse(int StatusCode, string? Body, string? Location);

/// <summary>The same Idempotency-Key came back with a different request; nothing was done.</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was already used for a different request. Use a new key for a new request.");

/// <summary>
/// Runs a change at most once per caller and Idempotency-Key.
/// <para>
/// How: one transaction first inserts the key (caller, key, request hash), then runs the change (whose SaveChanges
/// joins the transaction), then stores the response on the key's row, and commits. The key, the change and the
/// response become visible together or not at all. A duplicate arriving meanwhile blocks on the key's unique index
/// until the first transaction ends: after a commit its insert finds the row and it replays the stored response; after
/// a rollback (the change was refused) it claims the key and runs the change itself. A failed request stores nothing,
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
            var now = clock.GetUtcNow();
            var expired = now - Lifetime;
            var claimed = await db.Database.SqlQuery<int>($"""
                INSERT INTO api_idempotency_keys (caller_id, key, request_hash, created_at)
                VALUES ({callerId}, {key}, {requestHash}, {now})
                ON CONFLICT (caller_id, key) DO UPDATE
                    SET request_hash = excluded.request_hash, created_at = excluded.created_at,
                        status_code = NULL, response_body = NULL, location = NULL
                    WHERE api_idempotency_keys.created_at < {expired}
                RETURNING 1 AS "Value"
                """).ToListAsync(ct);
            if (claimed.Count == 0)
            {
                var stored = await db.IdempotencyRecords.AsNoTracking()
                    .SingleAsync(r => r.CallerId == callerId && r.Key == key, ct);
                if (stored.RequestHash != requestHash)
                {
                    throw new IdempotencyKeyReusedException();
                }

                // A row is committed only with its response, so the status is always there.
                return (new StoredResponse(stored.StatusCode ?? 500, stored.ResponseBody, stored.Location), true);
            }

            var response = await execute();
            await db.Database.ExecuteSqlAsync($"""
                UPDATE api_idempotency_keys
                SET status_code = {response.StatusCode}, response_body = {response.Body}, location = {response.Location}
                WHERE caller_id = {callerId} AND key = {key}
                """, ct);
            await transaction.CommitAsync(ct);
            return (response, false);
        }, cancellationToken);
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

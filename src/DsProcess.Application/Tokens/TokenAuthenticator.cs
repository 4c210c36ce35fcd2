using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Integration;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tokens;

/// <summary>The outcome of presenting a token: who it acts for, or why it is refused.</summary>
public sealed record TokenCheck(Guid? PersonId, ApiCaller? Caller, string? Refusal)
{
    public static TokenCheck Refused(string why) => new(null, null, why);
}

/// <summary>
/// Finds the token a request presents, with its owner (in the same statement, so a call costs one round trip less, and
/// none while the token is in <see cref="CheckedTokens"/>), and says whether it may be used now; notes when it was last
/// used.
/// </summary>
public sealed class TokenAuthenticator(IAppDbContext db, CheckedTokens cache, TimeProvider clock)
{
    /// <summary>Last-used times are kept to the minute, so a busy pipeline does not write on every call.</summary>
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public async Task<TokenCheck> CheckAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(TokenSecrets.Marker, StringComparison.Ordinal) || secret.Length > 100)
        {
            return TokenCheck.Refused("The bearer token is not a DsProcess token.");
        }

        var hash = TokenSecrets.Hash(secret);
        var now = clock.GetUtcNow();
        var token = cache.Find(hash, now);
        if (token is null)
        {
            var readAt = cache.Now();
            // A join, not a subquery per token: EF numbers a subquery's rows over every person to keep it single.
            token = await (
                    from t in db.ApiTokens.AsNoTracking()
                    join owner in db.People.AsNoTracking() on t.PersonId equals owner.Id
                    where t.SecretHash == hash
                    select new CheckedToken(t.Id, t.PersonId, t.Name, t.Kind, t.Scope, t.ProjectId, t.Role, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, owner))
                .SingleOrDefaultAsync(cancellationToken);
            if (token is null)
            {
                return TokenCheck.Refused("The token is not known.");
            }

            cache.Remember(hash, token, readAt, now);
        }

        if (token.RevokedAt is not null)
        {
            return TokenCheck.Refused($"The token \"{token.Name}\" was revoked.");
        }

        if (token.ExpiresAt <= now)
        {
            return TokenCheck.Refused($"The token \"{token.Name}\" expired on {token.ExpiresAt:yyyy-MM-dd}.");
        }

        if (token.LastUsedAt is not { } used || now - used >= LastUsedPrecision)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), cancellationToken);
            cache.NoteUsed(hash, now);
        }

        return new TokenCheck(token.PersonId, new ApiCaller(token.Id, token.Name, token.Kind, token.Scope, token.ProjectId, token.Role, token.Owner), null);
    }
}

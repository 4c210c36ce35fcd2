using System.Collections.Concurrent;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Integration;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Tokens;

/// <summary>A token as read with its owner; the owner is shared by the requests that present the token, so read only.</summary>
public sealed record CheckedToken(
    Guid Id, Guid PersonId, string Name, TokenKind Kind, TokenScope Scope, Guid? ProjectId, ProjectRole? Role,
    DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, Person Owner);

/// <summary>
/// The tokens presented lately, by their hash, so a pipeline's calls do not each read the token and its owner again.
/// <para>
/// An entry is trusted only while the change feed that tells of its changes listens, on the connection it listened on
/// when the token was read: revoking, renaming or deleting a token and any change to a person's account (disabled,
/// another system role, renamed) send a <see cref="ChangeScope.Caller"/> notice from the database as they commit, and
/// every app instance drops that person's entries (the instance that saved the change already as it saves it). A token
/// read while such a change arrived is not kept. Entries also go after <see cref="MaxAge"/>, in case a notice was lost
/// with a connection before its drop was noticed. (Nothing is kept in session 0, while no connection listens.)
/// </para>
/// </summary>
public sealed class CheckedTokens : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>More tokens than this in use within a minute, and the cache starts over rather than grow.</summary>
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private readonly IChangeFeed _feed;

    private readonly IDisposable _subscription;

    private long _changes;

    public CheckedTokens(IChangeFeed feed)
    {
        _feed = feed;
        _subscription = feed.Subscribe(OnChange);
    }

    /// <summary>Where the feed stands now: taken before reading a token, so a change that arrives meanwhile is not missed.</summary>
    public Stamp Now() => new(_feed.Session, Interlocked.Read(ref _changes));

    public CheckedToken? Find(string hash, DateTimeOffset now) =>
        _entries.TryGetValue(hash, out var entry) && entry.Session == _feed.Session && now - entry.ReadAt < MaxAge
            ? entry.Token
            : null;

    /// <summary>Keeps a token read at <paramref name="readAt"/>, unless the feed was down or told of a change since.</summary>
    public void Remember(string hash, CheckedToken token, Stamp readAt, DateTimeOffset now)
    {
        if (readAt.Session == 0 || readAt != Now())
        {
            return;
        }

        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[hash] = new Entry(token, readAt.Session, now);
    }

    /// <summary>Notes a use written to the database, so the entry does not ask for another write within the minute.</summary>
    public void NoteUsed(string hash, DateTimeOffset at)
    {
        if (_entries.TryGetValue(hash, out var entry))
        {
            _entries.TryUpdate(hash, entry with { Token = entry.Token with { LastUsedAt = at } }, entry);
        }
    }

    /// <summary>Drops a person's tokens, and keeps none read before now.</summary>
    public void Forget(Guid personId)
    {
        Interlocked.Increment(ref _changes);
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Token.PersonId == personId)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void OnChange(ChangeNotice notice)
    {
        if (notice.Scope == ChangeScope.Caller)
        {
            Forget(notice.Id);
        }
    }

    public readonly record struct Stamp(int Session, long Changes);

    private sealed record Entry(CheckedToken Token, int Session, DateTimeOffset ReadAt);
}

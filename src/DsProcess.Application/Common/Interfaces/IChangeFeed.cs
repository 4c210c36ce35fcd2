namespace DsProcess.Application.Common.Interfaces;

public enum ChangeScope
{
    /// <summary>Something in a project changed (its activity log grew).</summary>
    Project,

    /// <summary>A person's notifications changed.</summary>
    Person,

    /// <summary>A project's webhook deliveries changed: events were queued, redelivered or attempted.</summary>
    Webhooks,

    /// <summary>What an API caller is changed: a person's account, or one of their tokens (revoked, renamed, deleted).</summary>
    Caller,
}

/// <summary>An id whose data changed and was committed; screens showing it reload.</summary>
/// <param name="Transaction">The transaction that committed the change, when the notice says it (see <see cref="ReadSnapshot"/>).</param>
public sealed record ChangeNotice(ChangeScope Scope, Guid Id, ulong? Transaction = null);

/// <summary>
/// Committed changes from every app instance on the database, as they happen: what screens subscribe to for
/// live updates. Notices carry ids only; subscribers read what they show.
/// </summary>
public interface IChangeFeed
{
    /// <summary>
    /// The connection notices arrive on: 0 while none listens, a new number after every (re)connection. What a
    /// subscriber keeps until a notice says it changed is trustworthy only within the session it was read in.
    /// </summary>
    int Session { get; }

    IDisposable Subscribe(Action<ChangeNotice> onChange);
}

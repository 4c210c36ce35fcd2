using DsProcess.Domain.Activity;

namespace DsProcess.Domain.Common;

/// <summary>
/// Base of everything that changes state: it keeps the activity entries its changes produce until they
/// are saved with it, in the same transaction.
/// </summary>
public abstract class Entity
{
    private readonly List<ActivityEntry> _pendingActivity = [];

    public Guid Id { get; protected init; } = Guid.CreateVersion7();

    public IReadOnlyList<ActivityEntry> PendingActivity => _pendingActivity;

    /// <summary>
    /// When the last recorded change happened. Every change is recorded, so every change also updates this
    /// column; that keeps the row's concurrency check in force even when only a JSON part of it changed.
    /// </summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    public void ClearPendingActivity() => _pendingActivity.Clear();

    /// <summary>The project iteration a change belongs to, stamped on its activity entry; null outside projects.</summary>
    protected virtual int? CurrentIteration => null;

    protected void Record(ActivityEntry entry)
    {
        entry.StampIteration(CurrentIteration);
        _pendingActivity.Add(entry);
        UpdatedAt = entry.At;
    }

    /// <summary>
    /// Marks the row changed by a change recorded on one of its parts, so that the row's concurrency check also
    /// refuses a concurrent change that relied on the part's old state (a write skew).
    /// </summary>
    internal void MarkChanged(DateTimeOffset at) => UpdatedAt = at;
}

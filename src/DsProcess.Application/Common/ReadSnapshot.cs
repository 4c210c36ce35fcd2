using System.Globalization;
using DsProcess.Application.Common.Interfaces;

namespace DsProcess.Application.Common;

/// <summary>
/// Which committed transactions a read saw: PostgreSQL's snapshot of the statement that read it (<c>xmin:xmax:in-progress</c>).
/// A screen that keeps it can tell whether a change notice is already on the screen (its transaction is visible in the
/// snapshot, because it committed before the read) or must be read again; that holds across app instances and commit orders.
/// </summary>
public sealed class ReadSnapshot
{
    private readonly ulong _xmin;
    private readonly ulong _xmax;
    private readonly HashSet<ulong> _inProgress;

    private ReadSnapshot(ulong xmin, ulong xmax, HashSet<ulong> inProgress)
    {
        _xmin = xmin;
        _xmax = xmax;
        _inProgress = inProgress;
    }

    /// <summary>The snapshot of the statement that calls it, as text; translated to SQL, never run here.</summary>
    public static string Current() => throw new NotSupportedException("Only for use inside a query.");

    /// <summary>Reads the text form, e.g. <c>795:799:795,797</c>; null for anything else.</summary>
    public static ReadSnapshot? Parse(string? text)
    {
        var parts = text?.Split(':');
        if (parts is not { Length: 3 }
            || !ulong.TryParse(parts[0], CultureInfo.InvariantCulture, out var xmin)
            || !ulong.TryParse(parts[1], CultureInfo.InvariantCulture, out var xmax))
        {
            return null;
        }

        var inProgress = new HashSet<ulong>();
        foreach (var xid in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ulong.TryParse(xid, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            inProgress.Add(id);
        }

        return new ReadSnapshot(xmin, xmax, inProgress);
    }

    /// <summary>Whether the read saw the change the notice announces; false when the notice does not say its transaction.</summary>
    public bool Saw(ChangeNotice notice) =>
        notice.Transaction is { } xid && (xid < _xmin || (xid < _xmax && !_inProgress.Contains(xid)));
}

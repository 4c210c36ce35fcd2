using DsProcess.Application.Common.Interfaces;

namespace DsProcess.Application.Common;

public static class ConcurrencyExtensions
{
    /// <summary>
    /// Makes the save fail with a conflict unless the row still has the version the user loaded,
    /// so an edit based on a stale screen never silently overwrites someone else's change.
    /// </summary>
    public static void ExpectVersion<TEntity>(this IAppDbContext db, TEntity entity, uint version)
        where TEntity : class =>
        db.Entry(entity).Property<uint>("Version").OriginalValue = version;
}

using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;

namespace DsProcess.Application.Common;

public static class ConcurrencyExtensions
{
    /// <summary>
    /// Refuses a change made from a stale screen: the row must still have the version the user saw, now
    /// (checked before any rule, so the user hears "someone else changed this" rather than a puzzling
    /// rule) and at save time (the database checks it again, for a change that lands in between).
    /// </summary>
    public static void ExpectVersion<TEntity>(this IAppDbContext db, TEntity entity, uint version)
        where TEntity : class
    {
        var property = db.Entry(entity).Property<uint>("Version");
        if (property.CurrentValue != version)
        {
            throw new ConflictException(ConflictException.StaleEdit);
        }

        property.OriginalValue = version;
    }
}

using DsProcess.Application.Tokens;
using DsProcess.Domain.Integration;
using DsProcess.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DsProcess.Infrastructure.Api;

/// <summary>
/// Forgets the checked tokens of each person whose account or token a save changes, on this app instance at once, so
/// the next call with a revoked token is refused here without waiting for the change feed (which tells the other
/// instances as the change commits, and this one again).
/// </summary>
public sealed class CallerChanges(CheckedTokens tokens) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Forget(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Person person:
                    tokens.Forget(person.Id);
                    break;
                case ApiToken token:
                    tokens.Forget(token.PersonId);
                    break;
            }
        }
    }
}

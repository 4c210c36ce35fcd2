using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Notifications.Queries.MyEmailPreferences;

/// <summary>How the caller hears of each kind of notification that can also come by e-mail (their choice, or the default).</summary>
public sealed record MyEmailPreferencesQuery : IQuery<IReadOnlyList<EmailPreferenceRow>>;

public sealed record EmailPreferenceRow(NotificationKind Kind, EmailChoice Choice);

public sealed class MyEmailPreferencesQueryHandler(IAppDbContext db, Access access) : IQueryHandler<MyEmailPreferencesQuery, IReadOnlyList<EmailPreferenceRow>>
{
    public async ValueTask<IReadOnlyList<EmailPreferenceRow>> Handle(MyEmailPreferencesQuery query, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        var chosen = await db.EmailPreferences.AsNoTracking().Where(p => p.PersonId == me.Id).ToListAsync(cancellationToken);
        return [.. EmailChoices.Kinds.Select(kind => new EmailPreferenceRow(kind, EmailChoices.Of(kind, chosen)))];
    }
}

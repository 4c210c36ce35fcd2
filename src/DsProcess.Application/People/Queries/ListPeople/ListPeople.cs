using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.People.Queries.ListPeople;

/// <summary>
/// People to pick from (active ones); admins also see disabled accounts. E-mail addresses only go to those who may
/// see them (admins and team leads); the others find people by name alone.
/// </summary>
public sealed record ListPeopleQuery(string? Search = null) : IQuery<IReadOnlyList<PersonSummary>>;

/// <summary>A person; <see cref="Email"/> is null for callers who may not see e-mail addresses.</summary>
public sealed record PersonSummary(Guid Id, string Name, string? Email, SystemRole SystemRole, bool IsActive)
{
    /// <summary>Writes and publishes playbooks beside the admins.</summary>
    public bool OwnsPlaybooks { get; init; }
}

public sealed class ListPeopleQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ListPeopleQuery, IReadOnlyList<PersonSummary>>
{
    public async ValueTask<IReadOnlyList<PersonSummary>> Handle(ListPeopleQuery query, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        var emails = await access.SeesEmailAddressesAsync(cancellationToken);
        var people = db.People.AsNoTracking();
        if (me.SystemRole != SystemRole.Admin)
        {
            people = people.Where(p => p.IsActive);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            people = people.Where(p => p.DisplayName.ToLower().Contains(search) || (emails && p.Email.Contains(search)));
        }

        return await people
            .OrderBy(p => p.DisplayName)
            .Take(500)
            .Select(p => new PersonSummary(p.Id, p.DisplayName, emails ? p.Email : null, p.SystemRole, p.IsActive) { OwnsPlaybooks = p.OwnsPlaybooks })
            .ToListAsync(cancellationToken);
    }
}

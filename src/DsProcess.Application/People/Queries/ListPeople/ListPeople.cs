using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.People.Queries.ListPeople;

/// <summary>People to pick from (active ones); admins also see disabled accounts.</summary>
public sealed record ListPeopleQuery(string? Search = null) : IQuery<IReadOnlyList<PersonSummary>>;

public sealed record PersonSummary(Guid Id, string Name, string Email, SystemRole SystemRole, bool IsActive);

public sealed class ListPeopleQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ListPeopleQuery, IReadOnlyList<PersonSummary>>
{
    public async ValueTask<IReadOnlyList<PersonSummary>> Handle(ListPeopleQuery query, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        var people = db.People.AsNoTracking();
        if (me.SystemRole != SystemRole.Admin)
        {
            people = people.Where(p => p.IsActive);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            people = people.Where(p => p.DisplayName.ToLower().Contains(search) || p.Email.Contains(search));
        }

        return await people
            .OrderBy(p => p.DisplayName)
            .Take(500)
            .Select(p => new PersonSummary(p.Id, p.DisplayName, p.Email, p.SystemRole, p.IsActive))
            .ToListAsync(cancellationToken);
    }
}

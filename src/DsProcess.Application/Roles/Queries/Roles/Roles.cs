using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Roles.Queries.Roles;

/// <summary>A role people hold on a project's team; <see cref="IsCustom"/> for one the organisation added.</summary>
public sealed record RoleRow(ProjectRole Role, string Name, string Description, bool IsCustom);

/// <summary>The built-in roles, then the ones the organisation added, by name.</summary>
[RequiresSystemRole(SystemRole.Admin, PlaybookOwners = true)]
public sealed record RolesQuery : IQuery<IReadOnlyList<RoleRow>>;

public sealed class RolesQueryHandler(IAppDbContext db) : IQueryHandler<RolesQuery, IReadOnlyList<RoleRow>>
{
    public async ValueTask<IReadOnlyList<RoleRow>> Handle(RolesQuery query, CancellationToken cancellationToken)
    {
        var custom = await db.CustomRoles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        return
        [
            .. Enum.GetValues<ProjectRole>().Select(r => new RoleRow(r, DisplayNames.Of(r), DisplayNames.Describe(r), IsCustom: false)),
            .. custom.Select(r => new RoleRow(r.Role, r.Name, r.Description, IsCustom: true)),
        ];
    }
}

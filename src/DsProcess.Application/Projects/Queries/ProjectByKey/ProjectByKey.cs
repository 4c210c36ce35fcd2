using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Projects.Queries.ProjectByKey;

/// <summary>
/// The project an address names, for messages that take its id: not found for an unknown key, refused unless the
/// caller may read it. One round trip after the one that identifies the caller.
/// </summary>
public sealed record ProjectByKeyQuery(string Key) : IQuery<ProjectRef>;

public sealed record ProjectRef(Guid Id, string Key, string Name);

public sealed class ProjectByKeyQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectByKeyQuery, ProjectRef>
{
    public async ValueTask<ProjectRef> Handle(ProjectByKeyQuery query, CancellationToken cancellationToken)
    {
        var person = await access.PersonAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking()
            .WithKey(query.Key)
            .Select(p => new
            {
                Ref = new ProjectRef(p.Id, p.Key, p.Name),
                State = new ProjectState(p.Key, p.Status, p.StatusReason),
                Roles = p.Members.Where(m => m.PersonId == person.Id).Select(m => m.Roles).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", query.Key);
        access.Standing(person, project.Ref.Id, project.Roles, project.State);
        return project.Ref;
    }
}

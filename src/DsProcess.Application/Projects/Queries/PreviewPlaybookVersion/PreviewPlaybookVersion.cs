using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Playbooks;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Projects.Queries.PreviewPlaybookVersion;

/// <summary>
/// What taking the newest version of its playbook would change in a project, before a lead takes it: the phases not
/// yet started and each change in them. <see cref="NewerId"/> is null when the project is on the newest version.
/// </summary>
public sealed record PlaybookVersionPreview(
    string Current, Guid? NewerId, string? Newer, IReadOnlyList<PhaseKind> Phases, IReadOnlyList<PlaybookChange> Changes);

/// <summary>A lead previews the newest published version of the project's playbook.</summary>
public sealed record PreviewPlaybookVersionQuery(Guid ProjectId) : IQuery<PlaybookVersionPreview>;

public sealed class PreviewPlaybookVersionQueryHandler(IAppDbContext db, Access access) : IQueryHandler<PreviewPlaybookVersionQuery, PlaybookVersionPreview>
{
    public async ValueTask<PlaybookVersionPreview> Handle(PreviewPlaybookVersionQuery query, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(query.ProjectId, cancellationToken);
        me.EnsureCanPlan("change the project's playbook");
        var project = await db.Projects.AsNoTracking()
            .Where(p => p.Id == query.ProjectId)
            .Select(p => new
            {
                p.PlaybookId,
                NotStarted = p.Phases.AsQueryable().Where(Project.NotStartedPhase).Select(f => f.Kind).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", query.ProjectId);
        var versions = await PlaybookVersions.CurrentAndNewestAsync(db, project.PlaybookId, cancellationToken);
        if (versions.Newer is not { } newer)
        {
            return new(versions.Current.Label, null, null, project.NotStarted, []);
        }

        var phases = project.NotStarted.Order().ToList();
        var changes = PlaybookChanges.Between(versions.Current, newer).Where(c => c.Phase is { } phase && phases.Contains(phase)).ToList();
        return new(versions.Current.Label, newer.Id, newer.Label, phases, changes);
    }
}

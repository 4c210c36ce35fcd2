using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Playbooks;
using Mediator;

namespace DsProcess.Application.Projects.Commands.TakePlaybookVersion;

/// <summary>
/// A lead moves the project to the newest version of its playbook (the one previewed, <paramref name="PlaybookId"/>)
/// for the phases not yet started; started phases keep what they have. A newer version published after the preview
/// is refused, so the lead takes only what they saw.
/// </summary>
public sealed record TakePlaybookVersionCommand(Guid ProjectId, uint Version, Guid PlaybookId) : ICommand;

public sealed class TakePlaybookVersionCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<TakePlaybookVersionCommand>
{
    public async ValueTask<Unit> Handle(TakePlaybookVersionCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("change the project's playbook");
        var project = await db.LoadProjectWithPlanAsync(command.ProjectId, tracked: true, cancellationToken);
        db.ExpectVersion(project, command.Version);
        var versions = await PlaybookVersions.CurrentAndNewestAsync(db, project.PlaybookId, cancellationToken);
        if (versions.Newer?.Id != command.PlaybookId)
        {
            throw new ConflictException("The playbook has another newest version than the one previewed. Nothing changed; look at the preview again.");
        }

        project.TakePlaybookVersion(versions.Current, versions.Newer, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

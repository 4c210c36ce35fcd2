using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;

namespace DsProcess.Application.Projects.Commands.ResumeProject;

/// <summary>Resumes a project on hold. Planned dates stay as they were (they do not shift by the time paused); re-plan to move them.</summary>
public sealed record ResumeProjectCommand(Guid ProjectId, uint Version) : ICommand;

public sealed class ResumeProjectCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<ResumeProjectCommand>
{
    public async ValueTask<Unit> Handle(ResumeProjectCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("resume the project");
        var project = await db.LoadProjectAsync(command.ProjectId, cancellationToken);
        db.ExpectVersion(project, command.Version);
        project.Resume(me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;

namespace DsProcess.Application.Projects.Commands.EditProjectDetails;

/// <summary>
/// Edits a project's name and objective; <see cref="Version"/> is the version the lead saw. The target date moves
/// by re-planning (<see cref="ReplanProject.ReplanProjectCommand"/>). Bound directly by the settings form.
/// </summary>
public sealed class EditProjectDetailsCommand : ICommand
{
    public Guid ProjectId { get; set; }

    public uint Version { get; set; }

    public string Name { get; set; } = "";

    public string? Objective { get; set; }
}

public sealed class EditProjectDetailsCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<EditProjectDetailsCommand>
{
    public async ValueTask<Unit> Handle(EditProjectDetailsCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("edit the project's details");
        var project = await db.LoadProjectAsync(command.ProjectId, cancellationToken);
        db.ExpectVersion(project, command.Version);
        project.EditDetails(command.Name, command.Objective, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

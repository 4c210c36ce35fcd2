using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;

namespace DsProcess.Application.Projects.Commands.ReplanProject;

/// <summary>
/// Moves the project's target date; the planned dates of the phases not completed and the tasks not finished shift
/// by the same number of days, exactly as <see cref="Queries.PreviewReplan.PreviewReplanQuery"/> showed. Returns how
/// many planned windows moved.
/// </summary>
public sealed class ReplanProjectCommand : ICommand<int>
{
    public Guid ProjectId { get; set; }

    public uint Version { get; set; }

    public DateOnly? TargetDate { get; set; }

    /// <summary>Why the date moves (optional), for the activity log.</summary>
    public string? Reason { get; set; }
}

public sealed class ReplanProjectCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<ReplanProjectCommand, int>
{
    public async ValueTask<int> Handle(ReplanProjectCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("re-plan the project");
        var project = await db.LoadProjectWithPlanAsync(command.ProjectId, tracked: true, cancellationToken);
        db.ExpectVersion(project, command.Version);
        var shifts = project.Replan(command.TargetDate!.Value, command.Reason, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return shifts.Count;
    }
}

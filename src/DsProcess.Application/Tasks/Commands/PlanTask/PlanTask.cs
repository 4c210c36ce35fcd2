using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;

namespace DsProcess.Application.Tasks.Commands.PlanTask;

/// <summary>Edits a task's title, description and planned dates. Bound directly by the task panel's plan form.</summary>
public sealed class PlanTaskCommand : ICommand
{
    public Guid TaskId { get; set; }

    public uint Version { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public DateOnly? PlannedStart { get; set; }

    public DateOnly? Due { get; set; }
}

public sealed class PlanTaskCommandHandler(IAppDbContext db, Access access, TimeProvider clock)
    : ICommandHandler<PlanTaskCommand>
{
    public async ValueTask<Unit> Handle(PlanTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadTaskAsync(command.TaskId, cancellationToken);
        var me = await access.ToProjectAsync(task.ProjectId, cancellationToken);
        me.EnsureCanPlan("plan tasks");
        db.ExpectVersion(task, command.Version);
        task.Plan(command.Title, command.Description, command.PlannedStart, command.Due, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

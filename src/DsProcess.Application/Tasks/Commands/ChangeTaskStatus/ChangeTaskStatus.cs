using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Tasks.Commands.ChangeTaskStatus;

/// <summary>Moves a task; <see cref="Version"/> is the version the user saw, so a stale screen gets a conflict.</summary>
public sealed record ChangeTaskStatusCommand(Guid TaskId, uint Version, TaskMove Move, string? Reason = null) : ICommand;

public sealed class ChangeTaskStatusCommandHandler(IAppDbContext db, Access access, TimeProvider clock)
    : ICommandHandler<ChangeTaskStatusCommand>
{
    public async ValueTask<Unit> Handle(ChangeTaskStatusCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadTaskAsync(command.TaskId, cancellationToken);
        var me = await access.ToProjectAsync(task.ProjectId, cancellationToken);
        me.EnsureCanWorkOn(task);
        db.ExpectVersion(task, command.Version);
        var by = me.Actor;
        var now = clock.GetUtcNow();
        var reason = command.Reason ?? "";
        switch (command.Move)
        {
            case TaskMove.Start:
                task.Start(by, now);
                break;
            case TaskMove.Block:
                task.Block(reason, by, now);
                break;
            case TaskMove.Unblock:
                task.Unblock(by, now);
                break;
            case TaskMove.Done:
                task.MarkDone(by, now);
                break;
            case TaskMove.NotApplicable:
                task.MarkNotApplicable(reason, by, now);
                break;
            case TaskMove.Reopen:
                task.Reopen(reason, by, now);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

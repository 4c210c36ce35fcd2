using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;

namespace DsProcess.Application.Tasks.Commands.SetChecklistItem;

/// <summary>
/// Ticks or unticks one checklist item. It sets a value rather than toggling, so it needs no expected
/// version: repeating it, or two people ticking different items, loses nothing.
/// </summary>
public sealed record SetChecklistItemCommand(Guid TaskId, int ItemNumber, bool Done) : ICommand;

public sealed class SetChecklistItemCommandHandler(IAppDbContext db, Access access, TimeProvider clock)
    : ICommandHandler<SetChecklistItemCommand>
{
    public async ValueTask<Unit> Handle(SetChecklistItemCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadTaskAsync(command.TaskId, cancellationToken);
        var me = await access.ToProjectAsync(task.ProjectId, cancellationToken);
        me.EnsureCanWorkOn(task);
        task.SetChecklistItem(command.ItemNumber, command.Done, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

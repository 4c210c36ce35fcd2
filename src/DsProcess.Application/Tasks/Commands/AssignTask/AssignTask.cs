using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tasks.Commands.AssignTask;

/// <summary>Gives a task to a member who holds its responsible or a supporting role, or back to the role (null).</summary>
public sealed record AssignTaskCommand(Guid TaskId, uint Version, Guid? PersonId) : ICommand;

public sealed class AssignTaskCommandHandler(IAppDbContext db, Access access, Notifier notifier, TimeProvider clock) : ICommandHandler<AssignTaskCommand>
{
    public async ValueTask<Unit> Handle(AssignTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadTaskAsync(command.TaskId, cancellationToken);
        var me = await access.ToProjectAsync(task.ProjectId, cancellationToken);
        me.EnsureCanPlan("assign tasks");
        db.ExpectVersion(task, command.Version);

        var ids = new[] { command.PersonId, task.AssigneeId }.OfType<Guid>().ToList();
        var names = await db.People.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var roles = command.PersonId is { } personId
            ? await db.Members.Where(m => m.ProjectId == task.ProjectId && m.PersonId == personId).Select(m => m.Roles).SingleOrDefaultAsync(cancellationToken) ?? []
            : [];
        task.Assign(
            command.PersonId,
            command.PersonId is { } id ? names.GetValueOrDefault(id, "That person") : null,
            roles,
            task.AssigneeId is { } previous ? names.GetValueOrDefault(previous) : null,
            me.Actor,
            clock.GetUtcNow());
        if (command.PersonId is { } assignee)
        {
            var key = await db.Projects.Where(p => p.Id == task.ProjectId).Select(p => p.Key).SingleAsync(cancellationToken);
            notifier.Notify(
                [assignee],
                me.Person.Id,
                NotificationKind.TaskAssigned,
                task.ProjectId,
                $"{me.Person.DisplayName} assigned “{task.Title}” ({key}) to you.",
                Links.Task(key, task.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

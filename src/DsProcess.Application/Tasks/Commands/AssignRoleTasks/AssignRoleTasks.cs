using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Notifications;
using DsProcess.Application.Teams;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Tasks.Commands.AssignRoleTasks;

/// <summary>
/// Quick staffing: gives every open task whose responsible role is <see cref="Role"/> to one member
/// (tasks already assigned to someone else stay theirs). Returns how many tasks were assigned.
/// </summary>
public sealed record AssignRoleTasksCommand(Guid ProjectId, ProjectRole Role, Guid PersonId) : ICommand<int>;

public sealed class AssignRoleTasksCommandHandler(IAppDbContext db, Access access, Notifier notifier, TimeProvider clock) : ICommandHandler<AssignRoleTasksCommand, int>
{
    public async ValueTask<int> Handle(AssignRoleTasksCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("assign tasks");
        var project = await db.LoadProjectWithTeamAsync(command.ProjectId, cancellationToken);
        var person = await db.LoadPersonAsync(command.PersonId, cancellationToken);
        var roles = project.RolesOf(person.Id);
        if (!roles.Contains(command.Role))
        {
            throw new DomainRuleException($"{person.DisplayName} is not a {DisplayNames.Of(command.Role).ToLowerInvariant()} on this project.");
        }

        var now = clock.GetUtcNow();
        var tasks = project.Tasks
            .Where(t => t.ResponsibleRole == command.Role && t.AssigneeId is null && !t.IsFinished && t.Phase.State != PhaseState.Completed)
            .ToList();
        foreach (var task in tasks)
        {
            task.Assign(person.Id, person.DisplayName, roles, null, me.Actor, now);
        }

        if (tasks.Count > 0)
        {
            notifier.Notify(
                [person.Id],
                me.Person.Id,
                NotificationKind.TaskAssigned,
                project.Id,
                $"{me.Person.DisplayName} assigned {tasks.Count} {DisplayNames.Of(command.Role).ToLowerInvariant()} task(s) of {project.Key} to you.",
                "/my-work");
        }

        await db.SaveChangesAsync(cancellationToken);
        return tasks.Count;
    }
}

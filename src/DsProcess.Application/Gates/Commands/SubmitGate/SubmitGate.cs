using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Teams;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Gates.Commands.SubmitGate;

/// <summary>
/// Submits a phase for its gate decision, with a note for the deciders; they are notified. Refused, naming the
/// criterion, while an automatic criterion (evaluated from the project's evidence) is not met.
/// </summary>
public sealed record SubmitGateCommand(Guid ProjectId, PhaseKind Phase, string? Note = null) : ICommand<Guid>;

public sealed class SubmitGateCommandHandler(IAppDbContext db, Access access, Notifier notifier, TimeProvider clock)
    : ICommandHandler<SubmitGateCommand, Guid>
{
    public async ValueTask<Guid> Handle(SubmitGateCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        var project = await db.LoadProjectWithTeamAsync(command.ProjectId, cancellationToken);
        var phase = project.Phase(command.Phase);
        me.EnsureCanWorkGate(phase);

        var automatic = await db.AutomaticCriteriaAsync(project.Id, phase.AutomaticCriteria, cancellationToken);
        var review = project.SubmitGate(command.Phase, command.Note, automatic, me.Actor, clock.GetUtcNow());
        db.GateReviews.Add(review);
        var deciding = project.DecidingRole(phase.Kind);
        notifier.Notify(
            project.Members.Where(m => m.Holds(ProjectRole.TeamLead) || (deciding is { } role && m.Holds(role))).Select(m => m.PersonId),
            me.Person.Id,
            NotificationKind.GateToDecide,
            project.Id,
            $"{me.Person.DisplayName} submitted the {phase.Name} gate of {project.Key} for your decision.",
            Links.Gate(project.Key, phase.Kind));
        await db.SaveChangesAsync(cancellationToken);
        return review.Id;
    }
}

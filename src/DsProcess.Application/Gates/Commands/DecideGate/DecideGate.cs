using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Operations;
using DsProcess.Application.Teams;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Gates.Commands.DecideGate;

/// <summary>
/// Approves a submitted gate (with the outcome: next phase, or for the outcome review: complete the project or
/// iterate) or rejects it with a reason: back to work on the same phase, or, with an outcome naming an earlier phase
/// (<see cref="GateOutcomes.IterateFrom"/>), back to that phase as a new iteration. An approval records the versions
/// its automatic criteria stood on. The submitter is told.
/// </summary>
public sealed record DecideGateCommand(Guid ReviewId, GateDecision Decision, GateOutcome Outcome = GateOutcome.NextPhase, string? Reason = null) : ICommand;

public sealed class DecideGateCommandHandler(IAppDbContext db, Access access, Notifier notifier, TimeProvider clock)
    : ICommandHandler<DecideGateCommand>
{
    public async ValueTask<Unit> Handle(DecideGateCommand command, CancellationToken cancellationToken)
    {
        var review = await db.GateReviews.SingleOrDefaultAsync(r => r.Id == command.ReviewId, cancellationToken)
            ?? throw new NotFoundException("Gate review", command.ReviewId);
        var me = await access.ToProjectAsync(review.ProjectId, cancellationToken);
        var project = await db.LoadProjectWithTeamAsync(review.ProjectId, cancellationToken);
        var phase = project.Phase(review.Phase);
        me.EnsureCanDecide(project, phase);

        var now = clock.GetUtcNow();
        if (command.Decision == GateDecision.Approved)
        {
            var automatic = await db.AutomaticCriteriaAsync(project.Id, phase.AutomaticCriteria, cancellationToken);
            project.ApproveGate(review, command.Outcome, automatic, me.Actor, now);
            // Completing the project with a model live in production puts it in operation at once.
            await db.ReflectOperationAsync(project, me.Actor, now, cancellationToken);
        }
        else if (GateOutcomes.IteratesFrom(command.Outcome) is { } to)
        {
            project.SendBack(review, to, command.Reason ?? "", me.Actor, now);
        }
        else
        {
            project.RejectGate(review, command.Reason ?? "", me.Actor, now);
        }

        notifier.Notify(
            [review.SubmittedById],
            me.Person.Id,
            NotificationKind.GateDecided,
            project.Id,
            command.Decision == GateDecision.Approved
                ? $"{me.Person.DisplayName} approved the {phase.Name} gate of {project.Key}."
                : GateOutcomes.IteratesFrom(review.Outcome) is { } backTo
                    ? $"{me.Person.DisplayName} sent {project.Key} back to {DisplayNames.Of(backTo)}: {review.DecisionReason}"
                    : $"{me.Person.DisplayName} sent the {phase.Name} gate of {project.Key} back: {review.DecisionReason}",
            Links.Gate(project.Key, phase.Kind));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

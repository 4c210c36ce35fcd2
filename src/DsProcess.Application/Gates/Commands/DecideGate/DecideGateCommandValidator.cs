using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using FluentValidation;

namespace DsProcess.Application.Gates.Commands.DecideGate;

public sealed class DecideGateCommandValidator : AbstractValidator<DecideGateCommand>
{
    /// <summary>
    /// The phases some gate of the lifecycle may send a project back to (<see cref="WorkRules.SendBackTargets"/>). Which
    /// of them the decided gate may use depends on its phase, not known here; the project refuses the others.
    /// </summary>
    private static readonly HashSet<PhaseKind> SendBackPhases =
        [.. Enum.GetValues<PhaseKind>().SelectMany(gate => WorkRules.SendBackTargets(gate, Enum.GetValues<PhaseKind>()))];

    public DecideGateCommandValidator()
    {
        RuleFor(c => c.ReviewId).Id("the gate submission to decide");
        RuleFor(c => c.Decision).IsInEnum().WithMessage("Approve or reject the gate.");
        RuleFor(c => c.Outcome).IsInEnum().WithMessage("Choose what the decision leads to.");
        RuleFor(c => c.Outcome)
            .Must(o => o == GateOutcome.NextPhase || GateOutcomes.IteratesFrom(o) is { } to && SendBackPhases.Contains(to))
            .When(c => c.Decision == GateDecision.Rejected && Enum.IsDefined(c.Outcome))
            .WithMessage("A rejection sends the phase back to work, or the project back to an earlier phase; choose one of those.");
        RuleFor(c => c.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).When(c => c.Decision == GateDecision.Rejected)
            .WithMessage("Say why the gate is rejected, so the team knows what to fix.");
        RuleFor(c => c.Reason)
            .MaximumLength(Limits.Reason).WithMessage($"The reason must be at most {Limits.Reason} characters.")
            .CleanText();
    }
}

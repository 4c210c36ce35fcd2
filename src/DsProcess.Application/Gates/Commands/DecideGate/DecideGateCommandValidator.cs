using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using FluentValidation;

namespace DsProcess.Application.Gates.Commands.DecideGate;

public sealed class DecideGateCommandValidator : AbstractValidator<DecideGateCommand>
{
    public DecideGateCommandValidator()
    {
        RuleFor(c => c.ReviewId).Id("the gate submission to decide");
        RuleFor(c => c.Decision).IsInEnum().WithMessage("Approve or reject the gate.");
        RuleFor(c => c.Outcome).IsInEnum().WithMessage("Choose what the approval leads to.");
        RuleFor(c => c.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).When(c => c.Decision == GateDecision.Rejected)
            .WithMessage("Say why the gate is rejected, so the team knows what to fix.");
        RuleFor(c => c.Reason)
            .MaximumLength(Limits.Reason).WithMessage($"The reason must be at most {Limits.Reason} characters.")
            .CleanText();
    }
}

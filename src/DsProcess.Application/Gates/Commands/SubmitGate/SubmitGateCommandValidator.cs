using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Gates.Commands.SubmitGate;

public sealed class SubmitGateCommandValidator : AbstractValidator<SubmitGateCommand>
{
    public SubmitGateCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Phase).IsInEnum().WithMessage("Choose a phase from the list.");
        RuleFor(c => c.Note)
            .MaximumLength(Limits.Reason).WithMessage($"The note must be at most {Limits.Reason} characters.")
            .CleanText();
    }
}

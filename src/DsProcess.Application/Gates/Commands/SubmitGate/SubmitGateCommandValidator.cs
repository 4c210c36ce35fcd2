using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Gates.Commands.SubmitGate;

public sealed class SubmitGateCommandValidator : AbstractValidator<SubmitGateCommand>
{
    public SubmitGateCommandValidator()
    {
        RuleFor(c => c.ProjectId).NotEmpty();
        RuleFor(c => c.Phase).IsInEnum();
        RuleFor(c => c.Note).MaximumLength(Limits.Reason).WithMessage($"The note must be at most {Limits.Reason} characters.");
    }
}

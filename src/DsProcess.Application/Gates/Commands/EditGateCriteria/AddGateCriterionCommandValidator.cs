using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Gates.Commands.EditGateCriteria;

public sealed class AddGateCriterionCommandValidator : AbstractValidator<AddGateCriterionCommand>
{
    public AddGateCriterionCommandValidator()
    {
        RuleFor(c => c.Phase).IsInEnum();
        RuleFor(c => c.Text)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Describe the criterion.")
            .MaximumLength(Limits.ChecklistText).WithMessage($"A criterion must be at most {Limits.ChecklistText} characters.");
    }
}

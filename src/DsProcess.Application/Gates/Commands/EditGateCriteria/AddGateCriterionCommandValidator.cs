using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Gates.Commands.EditGateCriteria;

public sealed class AddGateCriterionCommandValidator : AbstractValidator<AddGateCriterionCommand>
{
    public AddGateCriterionCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Phase).IsInEnum().WithMessage("Choose a phase from the list.");
        RuleFor(c => c.Text)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Describe the criterion.")
            .MaximumLength(Limits.ChecklistText).WithMessage($"A criterion must be at most {Limits.ChecklistText} characters.")
            .CleanText();
    }
}

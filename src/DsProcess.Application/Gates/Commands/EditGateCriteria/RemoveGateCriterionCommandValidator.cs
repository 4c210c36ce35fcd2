using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Gates.Commands.EditGateCriteria;

public sealed class RemoveGateCriterionCommandValidator : AbstractValidator<RemoveGateCriterionCommand>
{
    public RemoveGateCriterionCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Phase).IsInEnum().WithMessage("Choose a phase from the list.");
        RuleFor(c => c.Number).GreaterThan(0).WithMessage("Choose the criterion to remove.");
    }
}

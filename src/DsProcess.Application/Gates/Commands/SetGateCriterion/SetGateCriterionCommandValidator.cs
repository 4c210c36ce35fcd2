using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Gates.Commands.SetGateCriterion;

public sealed class SetGateCriterionCommandValidator : AbstractValidator<SetGateCriterionCommand>
{
    public SetGateCriterionCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Phase).IsInEnum().WithMessage("Choose a phase from the list.");
        RuleFor(c => c.Number).GreaterThan(0).WithMessage("Choose a criterion of the gate.");
    }
}

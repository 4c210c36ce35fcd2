using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Gates.Queries.AutomaticCriteria;

public sealed class AutomaticCriteriaQueryValidator : AbstractValidator<AutomaticCriteriaQuery>
{
    public AutomaticCriteriaQueryValidator()
    {
        RuleFor(q => q.ProjectId).Id("the project");
        RuleFor(q => q.Phase).IsInEnum().WithMessage("Choose a phase from the list.");
    }
}

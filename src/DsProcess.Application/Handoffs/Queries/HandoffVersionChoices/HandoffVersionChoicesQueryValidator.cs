using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Handoffs.Queries.HandoffVersionChoices;

public sealed class HandoffVersionChoicesQueryValidator : AbstractValidator<HandoffVersionChoicesQuery>
{
    public HandoffVersionChoicesQueryValidator()
    {
        RuleFor(q => q.ProjectId).Id("the project");
    }
}

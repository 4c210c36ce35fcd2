using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Operations.Queries.ProjectOperations;

public sealed class ProjectOperationsQueryValidator : AbstractValidator<ProjectOperationsQuery>
{
    public ProjectOperationsQueryValidator()
    {
        RuleFor(q => q.Key).ProjectKey();
        RuleFor(q => q.RecentAlerts).InclusiveBetween(0, 500).WithMessage("List from 0 to 500 recent alerts.");
    }
}

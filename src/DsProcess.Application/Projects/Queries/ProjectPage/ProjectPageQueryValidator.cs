using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Projects.Queries.ProjectPage;

public sealed class ProjectPageQueryValidator : AbstractValidator<ProjectPageQuery>
{
    public ProjectPageQueryValidator()
    {
        RuleFor(q => q.Limit).PageSize(ProjectPageQuery.MaxLimit);
        RuleFor(q => q.After)
            .MaximumLength(Limits.ProjectKeyMax).WithMessage("The cursor is not one this list gave out.")
            .CleanText();
    }
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Projects.Queries.ProjectByKey;

public sealed class ProjectByKeyQueryValidator : AbstractValidator<ProjectByKeyQuery>
{
    public ProjectByKeyQueryValidator() => RuleFor(q => q.Key).ProjectKey();
}

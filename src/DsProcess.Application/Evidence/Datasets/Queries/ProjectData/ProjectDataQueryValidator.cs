using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Evidence.Datasets.Queries.ProjectData;

public sealed class ProjectDataQueryValidator : AbstractValidator<ProjectDataQuery>
{
    public ProjectDataQueryValidator() => RuleFor(q => q.Key).ProjectKey();
}

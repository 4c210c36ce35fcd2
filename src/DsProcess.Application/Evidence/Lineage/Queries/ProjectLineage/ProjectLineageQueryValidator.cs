using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Evidence.Lineage.Queries.ProjectLineage;

public sealed class ProjectLineageQueryValidator : AbstractValidator<ProjectLineageQuery>
{
    public ProjectLineageQueryValidator() => RuleFor(q => q.Key).ProjectKey();
}

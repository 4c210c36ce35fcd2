using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Kpis.Queries.ProjectKpis;

public sealed class ProjectKpisQueryValidator : AbstractValidator<ProjectKpisQuery>
{
    public ProjectKpisQueryValidator() => RuleFor(q => q.Key).ProjectKey();
}

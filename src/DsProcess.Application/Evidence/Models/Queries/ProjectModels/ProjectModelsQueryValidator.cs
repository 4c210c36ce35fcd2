using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Evidence.Models.Queries.ProjectModels;

public sealed class ProjectModelsQueryValidator : AbstractValidator<ProjectModelsQuery>
{
    public ProjectModelsQueryValidator() => RuleFor(q => q.Key).ProjectKey();
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Projects.Queries.ProjectSettings;

public sealed class ProjectSettingsQueryValidator : AbstractValidator<ProjectSettingsQuery>
{
    public ProjectSettingsQueryValidator() => RuleFor(q => q.Key).ProjectKey();
}

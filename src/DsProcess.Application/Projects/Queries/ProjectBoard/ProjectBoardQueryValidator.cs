using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Projects.Queries.ProjectBoard;

public sealed class ProjectBoardQueryValidator : AbstractValidator<ProjectBoardQuery>
{
    public ProjectBoardQueryValidator() => RuleFor(q => q.Key).ProjectKey();
}

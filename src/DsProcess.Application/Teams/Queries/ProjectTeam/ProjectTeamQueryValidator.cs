using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Teams.Queries.ProjectTeam;

public sealed class ProjectTeamQueryValidator : AbstractValidator<ProjectTeamQuery>
{
    public ProjectTeamQueryValidator() => RuleFor(q => q.Key).ProjectKey();
}

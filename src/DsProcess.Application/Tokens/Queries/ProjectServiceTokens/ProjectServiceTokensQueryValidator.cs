using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Tokens.Queries.ProjectServiceTokens;

public sealed class ProjectServiceTokensQueryValidator : AbstractValidator<ProjectServiceTokensQuery>
{
    public ProjectServiceTokensQueryValidator() => RuleFor(q => q.ProjectId).Id("the project");
}

using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Projects;
using FluentValidation;

namespace DsProcess.Application.Tokens.Commands.CreateServiceToken;

public sealed class CreateServiceTokenCommandValidator : AbstractValidator<CreateServiceTokenCommand>
{
    public CreateServiceTokenCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Name).TokenName();
        RuleFor(c => c.Role).Must(r => CustomRoles.IsKnown(r) && r != ProjectRole.TeamLead)
            .WithMessage("Choose the role the token acts with: data engineer, data scientist, ML engineer or viewer.");
        RuleFor(c => c.Scope).Scope();
        RuleFor(c => c.LifetimeInDays).Lifetime();
    }
}

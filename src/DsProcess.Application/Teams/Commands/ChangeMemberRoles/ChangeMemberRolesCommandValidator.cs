using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Teams.Commands.ChangeMemberRoles;

public sealed class ChangeMemberRolesCommandValidator : AbstractValidator<ChangeMemberRolesCommand>
{
    public ChangeMemberRolesCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.PersonId).Id("a member");
        RuleFor(c => c.Roles).ProjectRoles();
    }
}

using FluentValidation;

namespace DsProcess.Application.Teams.Commands.ChangeMemberRoles;

public sealed class ChangeMemberRolesCommandValidator : AbstractValidator<ChangeMemberRolesCommand>
{
    public ChangeMemberRolesCommandValidator() => RuleFor(c => c.Roles).ProjectRoles();
}

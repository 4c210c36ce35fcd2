using FluentValidation;

namespace DsProcess.Application.People.Commands.ChangeSystemRole;

public sealed class ChangeSystemRoleCommandValidator : AbstractValidator<ChangeSystemRoleCommand>
{
    public ChangeSystemRoleCommandValidator() => RuleFor(c => c.Role).IsInEnum();
}

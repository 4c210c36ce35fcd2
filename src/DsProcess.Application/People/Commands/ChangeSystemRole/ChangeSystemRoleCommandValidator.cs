using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.People.Commands.ChangeSystemRole;

public sealed class ChangeSystemRoleCommandValidator : AbstractValidator<ChangeSystemRoleCommand>
{
    public ChangeSystemRoleCommandValidator()
    {
        RuleFor(c => c.PersonId).Id("a person");
        RuleFor(c => c.Role).IsInEnum().WithMessage("Choose a system role.");
    }
}

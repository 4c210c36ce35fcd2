using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Roles.Commands.AddRole;

public sealed class AddRoleCommandValidator : AbstractValidator<AddRoleCommand>
{
    public AddRoleCommandValidator()
    {
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("Give the role a name, such as DevOps engineer.")
            .MaximumLength(Limits.RoleName).WithMessage($"A role's name is at most {Limits.RoleName} characters.")
            .CleanText();
        RuleFor(c => c.Description)
            .MaximumLength(Limits.RoleDescription).WithMessage($"The description is at most {Limits.RoleDescription} characters.")
            .CleanText();
    }
}

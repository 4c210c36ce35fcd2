using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Teams.Commands.AddMember;

public sealed class AddMemberCommandValidator : AbstractValidator<AddMemberCommand>
{
    public AddMemberCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.PersonId)
            .NotNull().WithMessage("Choose a person.")
            .OptionalId("Choose a person.");
        RuleFor(c => c.Roles).ProjectRoles();
    }
}

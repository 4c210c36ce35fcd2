using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Teams.Commands.RemoveMember;

public sealed class RemoveMemberCommandValidator : AbstractValidator<RemoveMemberCommand>
{
    public RemoveMemberCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.PersonId).Id("the member to remove");
    }
}

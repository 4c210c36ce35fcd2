using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.People.Commands.SetPlaybookOwner;

public sealed class SetPlaybookOwnerCommandValidator : AbstractValidator<SetPlaybookOwnerCommand>
{
    public SetPlaybookOwnerCommandValidator() => RuleFor(c => c.PersonId).Id("a person");
}

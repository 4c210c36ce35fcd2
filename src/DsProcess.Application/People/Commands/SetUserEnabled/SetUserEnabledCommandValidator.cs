using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.People.Commands.SetUserEnabled;

public sealed class SetUserEnabledCommandValidator : AbstractValidator<SetUserEnabledCommand>
{
    public SetUserEnabledCommandValidator() => RuleFor(c => c.PersonId).Id("a person");
}

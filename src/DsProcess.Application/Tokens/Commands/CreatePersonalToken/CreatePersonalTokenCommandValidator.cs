using FluentValidation;

namespace DsProcess.Application.Tokens.Commands.CreatePersonalToken;

public sealed class CreatePersonalTokenCommandValidator : AbstractValidator<CreatePersonalTokenCommand>
{
    public CreatePersonalTokenCommandValidator()
    {
        RuleFor(c => c.Name).TokenName();
        RuleFor(c => c.Scope).Scope();
        RuleFor(c => c.LifetimeInDays).Lifetime();
    }
}

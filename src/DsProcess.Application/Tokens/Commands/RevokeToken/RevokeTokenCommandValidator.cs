using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Tokens.Commands.RevokeToken;

public sealed class RevokeTokenCommandValidator : AbstractValidator<RevokeTokenCommand>
{
    public RevokeTokenCommandValidator() => RuleFor(c => c.TokenId).Id("a token");
}

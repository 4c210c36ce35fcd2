using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.People.Commands.CreateUser;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public const int MinimumPasswordLength = 8;

    public CreateUserCommandValidator()
    {
        RuleFor(c => c.DisplayName)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the person's name.")
            .MaximumLength(Limits.PersonName).WithMessage($"The name must be at most {Limits.PersonName} characters.")
            .CleanText();
        RuleFor(c => c.Email)
            .Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Give an e-mail address; it is the sign-in name.");
        RuleFor(c => c.Email)
            .EmailAddress().WithMessage("That is not an e-mail address.")
            .MaximumLength(Limits.Email).WithMessage($"The e-mail address must be at most {Limits.Email} characters.")
            .CleanText()
            .When(c => !string.IsNullOrWhiteSpace(c.Email));
        RuleFor(c => c.SystemRole).IsInEnum().WithMessage("Choose a system role.");
        RuleFor(c => c.Password)
            .NotEmpty().WithMessage("Give a first password.")
            .MinimumLength(MinimumPasswordLength).WithMessage($"The first password needs at least {MinimumPasswordLength} characters.")
            .MaximumLength(Limits.Password).WithMessage($"The first password must be at most {Limits.Password} characters.");
    }
}

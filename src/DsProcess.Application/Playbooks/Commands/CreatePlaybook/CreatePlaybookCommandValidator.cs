using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Playbooks.Commands.CreatePlaybook;

public sealed class CreatePlaybookCommandValidator : AbstractValidator<CreatePlaybookCommand>
{
    public CreatePlaybookCommandValidator()
    {
        RuleFor(c => c.CopyOf).NotEmpty().WithMessage("Choose the playbook to start from.");
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("Give the playbook a name.")
            .MaximumLength(Limits.PlaybookName).WithMessage($"A playbook's name is at most {Limits.PlaybookName} characters.")
            .CleanText();
        RuleFor(c => c.Description)
            .MaximumLength(Limits.PlaybookDescription).WithMessage($"The description is at most {Limits.PlaybookDescription} characters.")
            .CleanText();
    }
}

using FluentValidation;

namespace DsProcess.Application.Playbooks.Commands.DeletePlaybook;

public sealed class DeletePlaybookCommandValidator : AbstractValidator<DeletePlaybookCommand>
{
    public DeletePlaybookCommandValidator() => RuleFor(c => c.PlaybookId).NotEmpty().WithMessage("Choose a playbook.");
}

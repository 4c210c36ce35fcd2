using FluentValidation;

namespace DsProcess.Application.Playbooks.Commands.SetPlaybookArchived;

public sealed class SetPlaybookArchivedCommandValidator : AbstractValidator<SetPlaybookArchivedCommand>
{
    public SetPlaybookArchivedCommandValidator() => RuleFor(c => c.PlaybookId).NotEmpty().WithMessage("Choose a playbook.");
}

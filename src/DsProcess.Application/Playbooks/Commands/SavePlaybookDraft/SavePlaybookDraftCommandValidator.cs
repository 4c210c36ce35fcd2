using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Playbooks.Commands.SavePlaybookDraft;

/// <summary>Only the shape here; the playbook's rules (<see cref="Domain.Playbooks.PlaybookRules"/>) are checked whole by the handler, each problem at its field.</summary>
public sealed class SavePlaybookDraftCommandValidator : AbstractValidator<SavePlaybookDraftCommand>
{
    public SavePlaybookDraftCommandValidator()
    {
        RuleFor(c => c.PlaybookId).Id("a playbook");
        RuleFor(c => c.Phases).NotNull().WithMessage("Give the playbook's phases.");
    }
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Playbooks.Commands.DraftPlaybookVersion;

public sealed class DraftPlaybookVersionCommandValidator : AbstractValidator<DraftPlaybookVersionCommand>
{
    public DraftPlaybookVersionCommandValidator() => RuleFor(c => c.PlaybookId).Id("a playbook");
}

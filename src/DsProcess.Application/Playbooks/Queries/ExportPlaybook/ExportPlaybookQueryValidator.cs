using FluentValidation;

namespace DsProcess.Application.Playbooks.Queries.ExportPlaybook;

public sealed class ExportPlaybookQueryValidator : AbstractValidator<ExportPlaybookQuery>
{
    public ExportPlaybookQueryValidator() => RuleFor(q => q.PlaybookId).NotEmpty().WithMessage("Choose a playbook.");
}

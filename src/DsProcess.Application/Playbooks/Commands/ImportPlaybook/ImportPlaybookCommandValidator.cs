using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Playbooks.Commands.ImportPlaybook;

public sealed class ImportPlaybookCommandValidator : AbstractValidator<ImportPlaybookCommand>
{
    public ImportPlaybookCommandValidator() =>
        RuleFor(c => c.Json)
            .NotEmpty().WithMessage("Choose a playbook file.")
            .MaximumLength(ImportPlaybookCommand.MaxLength).WithMessage("A playbook file is at most 1 MB.")
            .Must(TypedText.IsClean).WithMessage("The file holds broken or invisible characters; save it as UTF-8 JSON text.");
}

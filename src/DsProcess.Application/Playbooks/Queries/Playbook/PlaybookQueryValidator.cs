using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Playbooks.Queries.Playbook;

public sealed class PlaybookQueryValidator : AbstractValidator<PlaybookQuery>
{
    public PlaybookQueryValidator() => RuleFor(q => q.PlaybookId).Id("a playbook");
}

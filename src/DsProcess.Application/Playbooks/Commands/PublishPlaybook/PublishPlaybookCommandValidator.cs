using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Playbooks.Commands.PublishPlaybook;

public sealed class PublishPlaybookCommandValidator : AbstractValidator<PublishPlaybookCommand>
{
    public PublishPlaybookCommandValidator() => RuleFor(c => c.PlaybookId).Id("a playbook");
}

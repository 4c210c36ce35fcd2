using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Projects.Commands.TakePlaybookVersion;

public sealed class TakePlaybookVersionCommandValidator : AbstractValidator<TakePlaybookVersionCommand>
{
    public TakePlaybookVersionCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("a project");
        RuleFor(c => c.PlaybookId).Id("the playbook version to take");
    }
}

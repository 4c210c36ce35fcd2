using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Projects.Commands.EditProjectDetails;

public sealed class EditProjectDetailsCommandValidator : AbstractValidator<EditProjectDetailsCommand>
{
    public EditProjectDetailsCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("a project");
        RuleFor(c => c.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the project a name.")
            .MaximumLength(Limits.ProjectName).WithMessage($"The name must be at most {Limits.ProjectName} characters.")
            .CleanText();
        RuleFor(c => c.Objective)
            .MaximumLength(Limits.Objective).WithMessage($"The objective must be at most {Limits.Objective} characters.")
            .CleanText();
    }
}

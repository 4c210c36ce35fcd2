using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using FluentValidation;

namespace DsProcess.Application.Projects.Commands.CreateProject;

public sealed class CreateProjectCommandValidator : AbstractValidator<CreateProjectCommand>
{
    public CreateProjectCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the project a name.")
            .MaximumLength(Limits.ProjectName).WithMessage($"The name must be at most {Limits.ProjectName} characters.")
            .CleanText();
        RuleFor(c => c.Key)
            .Must(k => !string.IsNullOrWhiteSpace(k)).WithMessage("Give the project a short key, like CHURN.");
        RuleFor(c => c.Key)
            .Must(k => Project.IsValidKey(k.Trim())).When(c => !string.IsNullOrWhiteSpace(c.Key))
            .WithMessage($"Use {Limits.ProjectKeyMin}–{Limits.ProjectKeyMax} capital letters or digits, like CHURN.");
        RuleFor(c => c.Objective)
            .MaximumLength(Limits.Objective).WithMessage($"The objective must be at most {Limits.Objective} characters.")
            .CleanText();
        RuleFor(c => c.PlaybookId).OptionalId("Choose a playbook from the list.");
        RuleFor(c => c.TargetDate)
            .NotNull().WithMessage("Choose a target date.");
        RuleFor(c => c.TargetDate!.Value)
            .Must(d => d > Today(clock)).WithMessage("The target date must be in the future.")
            .Must(d => d <= Today(clock).AddYears(5)).WithMessage("The target date must be within five years.")
            .When(c => c.TargetDate is not null)
            .OverridePropertyName(nameof(CreateProjectCommand.TargetDate));
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

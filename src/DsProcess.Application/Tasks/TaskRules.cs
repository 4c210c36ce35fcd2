using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Tasks;

/// <summary>Field rules shared by every form that edits a task's plan.</summary>
internal static class TaskRules
{
    public static void Title<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Give the task a title.")
            .MaximumLength(Limits.TaskTitle).WithMessage($"The title must be at most {Limits.TaskTitle} characters.")
            .CleanText();

    public static void Description<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Limits.TaskDescription).WithMessage($"The description must be at most {Limits.TaskDescription} characters.")
            .CleanText();

    public static void DueNotBeforeStart<T>(this AbstractValidator<T> validator, Func<T, DateOnly?> start, System.Linq.Expressions.Expression<Func<T, DateOnly?>> due) =>
        validator.RuleFor(due)
            .Must((command, d) => d is null || start(command) is not { } s || d >= s)
            .WithMessage("The due date cannot be before the planned start.");
}

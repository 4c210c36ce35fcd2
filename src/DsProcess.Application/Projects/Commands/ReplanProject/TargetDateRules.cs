using FluentValidation;

namespace DsProcess.Application.Projects.Commands.ReplanProject;

/// <summary>A new target date, as at creation: chosen, in the future and within five years.</summary>
internal static class TargetDateRules
{
    public static void NewTargetDate<T>(this AbstractValidator<T> validator, Func<T, DateOnly?> targetDate, string property, TimeProvider clock)
    {
        validator.RuleFor(c => targetDate(c))
            .NotNull().WithMessage("Choose the new target date.")
            .OverridePropertyName(property);
        validator.RuleFor(c => targetDate(c)!.Value)
            .Must(d => d > Today(clock)).WithMessage("The target date must be in the future.")
            .Must(d => d <= Today(clock).AddYears(5)).WithMessage("The target date must be within five years.")
            .When(c => targetDate(c) is not null)
            .OverridePropertyName(property);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

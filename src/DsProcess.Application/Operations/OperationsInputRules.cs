using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Operations;

/// <summary>Input rules the operations messages share.</summary>
internal static class OperationsInputRules
{
    public static IRuleBuilderOptions<T, string?> Reason<T>(this IRuleBuilder<T, string?> rule, string missing) =>
        rule.Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(missing)
            .MaximumLength(Limits.Reason).WithMessage($"The reason must be at most {Limits.Reason} characters.")
            .CleanText();

    public static IRuleBuilderOptions<T, string?> Note<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Limits.Reason).WithMessage($"The note must be at most {Limits.Reason} characters.")
            .CleanText();

    public static IRuleBuilderOptions<T, int?> ReworkAfter<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Limits.ReworkAfterMinutes)
            .WithMessage($"Open rework after 1 to {Limits.ReworkAfterMinutes} minutes of breach, or leave it empty.");
}

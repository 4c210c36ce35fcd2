using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using FluentValidation;

namespace DsProcess.Application.Kpis;

/// <summary>Input rules the KPI messages share.</summary>
internal static class KpiRules
{
    public static IRuleBuilderOptions<T, string?> KpiName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the KPI.")
            .MaximumLength(Limits.KpiName).WithMessage($"A KPI name must be at most {Limits.KpiName} characters.")
            .CleanText();

    public static IRuleBuilderOptions<T, string?> KpiUnit<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Limits.KpiUnit).WithMessage($"A unit must be at most {Limits.KpiUnit} characters.")
            .CleanText();

    public static IRuleBuilderOptions<T, double?> OptionalFinite<T>(this IRuleBuilder<T, double?> rule, string what) =>
        rule.Must(v => v is null || double.IsFinite(v.Value)).WithMessage($"The {what} must be a number.");

    public static IRuleBuilderOptions<T, double> Finite<T>(this IRuleBuilder<T, double> rule, string what) =>
        rule.Must(double.IsFinite).WithMessage($"The {what} must be a number.");

    public static IRuleBuilderOptions<T, TargetDirection> KpiDirection<T>(this IRuleBuilder<T, TargetDirection> rule) =>
        rule.IsInEnum().WithMessage("Choose whether higher or lower is better.");
}

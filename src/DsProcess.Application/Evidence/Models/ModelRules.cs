using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Evidence.Models;

/// <summary>Input rules the model messages share.</summary>
internal static class ModelRules
{
    public static IRuleBuilderOptions<T, string?> Approach<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Limits.Approach).WithMessage($"The approach must be at most {Limits.Approach} characters.")
            .CleanText();

    public static IRuleBuilderOptions<T, string?> MetricName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the metric.")
            .MaximumLength(Limits.MetricName).WithMessage($"A metric name must be at most {Limits.MetricName} characters.")
            .CleanText();

    public static IRuleBuilderOptions<T, double> Finite<T>(this IRuleBuilder<T, double> rule, string what) =>
        rule.Must(double.IsFinite).WithMessage($"The {what} must be a number.");

    public static IRuleBuilderOptions<T, IReadOnlyList<Guid>> DatasetVersions<T>(this IRuleBuilder<T, IReadOnlyList<Guid>> rule) =>
        rule.NotNull().WithMessage("Give the dataset versions as a list, even an empty one.")
            .Must(ids => ids is null || ids.Count <= Limits.DatasetVersionsPerModel).WithMessage($"Choose at most {Limits.DatasetVersionsPerModel} dataset versions.")
            .Must(ids => ids is null || !ids.Contains(Guid.Empty)).WithMessage("Choose dataset versions from the list.");
}

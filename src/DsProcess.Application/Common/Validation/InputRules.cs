using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Common.Validation;

/// <summary>Rules that many messages share: clean text, ids, paging, locations.</summary>
public static class InputRules
{
    /// <summary>The highest page any list serves; with the largest page size the offset still fits an <see cref="int"/>.</summary>
    public const int MaxPage = 100_000;

    /// <summary>Text a person could have typed (<see cref="TypedText.IsClean"/>).</summary>
    public static IRuleBuilderOptions<T, string?> CleanText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(TypedText.IsClean).WithMessage("{PropertyName} contains invisible control characters or broken symbols; remove them and try again.");

    /// <summary>A required id, named for the user ("a task", "the project").</summary>
    public static IRuleBuilderOptions<T, Guid> Id<T>(this IRuleBuilder<T, Guid> rule, string what) =>
        rule.NotEmpty().WithMessage($"Choose {what}.");

    /// <summary>An optional id: absent is fine, the empty id is not.</summary>
    public static IRuleBuilderOptions<T, Guid?> OptionalId<T>(this IRuleBuilder<T, Guid?> rule, string message) =>
        rule.Must(id => id != Guid.Empty).WithMessage(message);

    public static IRuleBuilderOptions<T, int> Page<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, MaxPage).WithMessage("Choose a page from 1 to 100,000.");

    public static IRuleBuilderOptions<T, int> PageSize<T>(this IRuleBuilder<T, int> rule, int max) =>
        rule.InclusiveBetween(1, max).WithMessage($"Show from 1 to {max} rows at a time.");

    public static IRuleBuilderOptions<T, string?> Search<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Limits.Search).WithMessage($"Search for at most {Limits.Search} characters.")
            .CleanText();

    /// <summary>
    /// Where data, a model or a report lives: a full address of any scheme (s3://, abfss://, https://, file://), as
    /// long as a URI may be. <paramref name="what"/> names the field as a sentence starts ("The location").
    /// </summary>
    public static IRuleBuilderOptions<T, string?> Location<T>(this IRuleBuilder<T, string?> rule, string what, bool required) =>
        rule
            .Must(v => !required || !string.IsNullOrWhiteSpace(v)).WithMessage($"{what} is required.")
            .Must(v => string.IsNullOrWhiteSpace(v) || Uri.TryCreate(v.Trim(), UriKind.Absolute, out _))
            .WithMessage($"{what} must be a full address, such as s3://bucket/path or https://….")
            .MaximumLength(Limits.Uri).WithMessage($"{what} must be at most {Limits.Uri} characters.")
            .CleanText();

    /// <summary>The project key a page was opened with. Only its presence is checked: a malformed key is simply not found.</summary>
    public static IRuleBuilderOptions<T, string> ProjectKey<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotNull().WithMessage("Say which project to open.");
}

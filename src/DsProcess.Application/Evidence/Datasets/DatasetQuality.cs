using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using FluentValidation;

namespace DsProcess.Application.Evidence.Datasets;

/// <summary>A dataset version's quality facts as entered: its checks, how personal data was removed, its profile, who may use it.</summary>
public sealed record DatasetQualityInput
{
    public IReadOnlyList<QualityCheck> Checks { get; init; } = [];

    public bool PiiRemoved { get; init; }

    /// <summary>How personal data was removed (masking, dropping columns, hashing); required when it was.</summary>
    public string? PiiMethod { get; init; }

    public string? ProfileLink { get; init; }

    public IReadOnlyList<ProjectRole> AccessGrantedTo { get; init; } = [];

    public void ApplyTo(DatasetVersion version, string datasetName, Actor by, DateTimeOffset at) =>
        version.RecordQuality(Checks, PiiRemoved, PiiMethod, ProfileLink, AccessGrantedTo, datasetName, by, at);
}

public sealed class DatasetQualityInputValidator : AbstractValidator<DatasetQualityInput>
{
    public DatasetQualityInputValidator()
    {
        RuleFor(q => q.Checks)
            .NotNull().WithMessage("Give the checks as a list, even an empty one.")
            .Must(c => c is null || c.Count <= Limits.QualityChecks).WithMessage($"Record at most {Limits.QualityChecks} quality checks.");
        RuleForEach(q => q.Checks).ChildRules(check =>
        {
            check.RuleFor(c => c.Name)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name every check.")
                .MaximumLength(Limits.CheckName).WithMessage($"A check's name must be at most {Limits.CheckName} characters.")
                .CleanText();
            check.RuleFor(c => c.FailingRows)
                .GreaterThanOrEqualTo(0).WithMessage("Failing rows cannot be negative.");
        });
        RuleFor(q => q.PiiMethod)
            .Must(m => !string.IsNullOrWhiteSpace(m)).When(q => q.PiiRemoved).WithMessage("Say how personal data was removed.")
            .MaximumLength(Limits.Reason).WithMessage($"How PII was removed must be at most {Limits.Reason} characters.")
            .CleanText();
        RuleFor(q => q.ProfileLink).Location("The profile link", required: false);
        RuleFor(q => q.AccessGrantedTo)
            .NotNull().WithMessage("Give the roles as a list, even an empty one.");
        RuleForEach(q => q.AccessGrantedTo).Must(CustomRoles.IsKnown).WithMessage("Choose roles from the list.");
    }
}

using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Evidence.Datasets.Commands.RegisterDatasetVersion;

public sealed class RegisterDatasetVersionCommandValidator : AbstractValidator<RegisterDatasetVersionCommand>
{
    public RegisterDatasetVersionCommandValidator()
    {
        RuleFor(c => c.DatasetId).Id("the dataset");
        RuleFor(c => c.Label)
            .Must(l => !string.IsNullOrWhiteSpace(l)).WithMessage("Give the version a label, such as v1 or 2026-06-01.")
            .MaximumLength(Limits.VersionLabel).WithMessage($"The label must be at most {Limits.VersionLabel} characters.")
            .CleanText();
        RuleFor(c => c.Location).Location("The location", required: true);
        RuleFor(c => c.Format)
            .MaximumLength(Limits.DataFormat).WithMessage($"The format must be at most {Limits.DataFormat} characters.")
            .CleanText();
        RuleFor(c => c.Rows).GreaterThanOrEqualTo(0).WithMessage("Rows cannot be negative.");
        RuleFor(c => c.SizeBytes).GreaterThanOrEqualTo(0).WithMessage("The size cannot be negative.");
        RuleFor(c => c.Checksum)
            .MaximumLength(Limits.Checksum).WithMessage($"The checksum must be at most {Limits.Checksum} characters.")
            .CleanText();
        RuleFor(c => c.DerivedFrom)
            .NotNull().WithMessage("Give the versions it derives from as a list, even an empty one.")
            .Must(p => p is null || p.Count <= Limits.DatasetParents).WithMessage($"Choose at most {Limits.DatasetParents} versions it derives from.");
        RuleForEach(c => c.DerivedFrom).Id("a version it derives from");
        RuleFor(c => c.ProducedByTaskId).OptionalId("Choose the task that produced the version.");
        RuleFor(c => c.Quality!).SetValidator(new DatasetQualityInputValidator()).When(c => c.Quality is not null);
    }
}

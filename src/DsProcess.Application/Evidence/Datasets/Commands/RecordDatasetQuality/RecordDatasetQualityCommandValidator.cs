using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Evidence.Datasets.Commands.RecordDatasetQuality;

public sealed class RecordDatasetQualityCommandValidator : AbstractValidator<RecordDatasetQualityCommand>
{
    public RecordDatasetQualityCommandValidator()
    {
        RuleFor(c => c.VersionId).Id("a dataset version");
        RuleFor(c => c.Quality).NotNull().WithMessage("Give the quality facts.").SetValidator(new DatasetQualityInputValidator());
    }
}

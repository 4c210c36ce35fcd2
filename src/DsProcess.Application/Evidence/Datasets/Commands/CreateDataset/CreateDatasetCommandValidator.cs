using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Evidence.Datasets.Commands.CreateDataset;

public sealed class CreateDatasetCommandValidator : AbstractValidator<CreateDatasetCommand>
{
    public CreateDatasetCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the dataset.")
            .MaximumLength(Limits.DatasetName).WithMessage($"The name must be at most {Limits.DatasetName} characters.")
            .CleanText();
        RuleFor(c => c.Layer).IsInEnum().WithMessage("Choose the layer: Bronze, Silver or Gold.");
        RuleFor(c => c.Purpose).IsInEnum().WithMessage("Choose what the dataset is for.");
        RuleFor(c => c.Description)
            .MaximumLength(Limits.TaskDescription).WithMessage($"The description must be at most {Limits.TaskDescription} characters.")
            .CleanText();
    }
}

using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Evidence.Models.Commands.StartExperiment;

public sealed class StartExperimentCommandValidator : AbstractValidator<StartExperimentCommand>
{
    public StartExperimentCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the experiment.")
            .MaximumLength(Limits.DatasetName).WithMessage($"The name must be at most {Limits.DatasetName} characters.")
            .CleanText();
        RuleFor(c => c.Hypothesis)
            .MaximumLength(Limits.Hypothesis).WithMessage($"The hypothesis must be at most {Limits.Hypothesis} characters.")
            .CleanText();
        RuleFor(c => c.Approach).Approach();
    }
}

using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Evidence.Models.Commands.ChangeModelStage;

public sealed class ChangeModelStageCommandValidator : AbstractValidator<ChangeModelStageCommand>
{
    public ChangeModelStageCommandValidator()
    {
        RuleFor(c => c.ModelVersionId).Id("a model version");
        RuleFor(c => c.Stage).IsInEnum().WithMessage("Choose a stage from the list.");
        RuleFor(c => c.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the model version changes stage.")
            .MaximumLength(Limits.Reason).WithMessage($"The reason must be at most {Limits.Reason} characters.")
            .CleanText();
    }
}

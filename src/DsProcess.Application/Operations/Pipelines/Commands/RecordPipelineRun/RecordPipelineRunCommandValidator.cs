using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Operations.Pipelines.Commands.RecordPipelineRun;

public sealed class RecordPipelineRunCommandValidator : AbstractValidator<RecordPipelineRunCommand>
{
    public RecordPipelineRunCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose a pipeline from the list.");
        RuleFor(c => c.State).IsInEnum().WithMessage("Choose a pipeline state from the list.");
        RuleFor(c => c.Note).Note();
        RuleFor(c => c.Link).Location("The link", required: false);
    }
}

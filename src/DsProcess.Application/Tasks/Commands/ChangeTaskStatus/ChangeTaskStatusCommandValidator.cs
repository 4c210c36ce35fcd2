using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using FluentValidation;

namespace DsProcess.Application.Tasks.Commands.ChangeTaskStatus;

public sealed class ChangeTaskStatusCommandValidator : AbstractValidator<ChangeTaskStatusCommand>
{
    public ChangeTaskStatusCommandValidator()
    {
        RuleFor(c => c.TaskId).Id("a task");
        RuleFor(c => c.Move).IsInEnum().WithMessage("Choose a move the task offers.");
        RuleFor(c => c.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r))
            .When(c => TaskWorkflow.NeedsReason(c.Move))
            .WithMessage(c => c.Move switch
            {
                TaskMove.Block => "Say what is blocking the task.",
                TaskMove.NotApplicable => "Say why the task does not apply to this project.",
                _ => "Say why the task is being reopened.",
            });
        RuleFor(c => c.Reason)
            .MaximumLength(Limits.Reason).WithMessage($"The reason must be at most {Limits.Reason} characters.")
            .CleanText();
        RuleFor(c => c.Note)
            .MaximumLength(Limits.Reason).WithMessage($"The note must be at most {Limits.Reason} characters.")
            .CleanText();
        RuleFor(c => c.Evidence)
            .NotNull().WithMessage("Give the links as a list, even an empty one.")
            .Must(links => links is null || links.Count <= Limits.EvidenceLinks).WithMessage($"Give at most {Limits.EvidenceLinks} links.");
        RuleForEach(c => c.Evidence)
            .Must(link => Uri.TryCreate(link?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .WithMessage("Each link must be a full web address (https://…).")
            .MaximumLength(Limits.EvidenceLink).WithMessage($"A link must be at most {Limits.EvidenceLink} characters.")
            .CleanText();
        RuleFor(c => c.DatasetVersionIds)
            .NotNull().WithMessage("Give the dataset versions as a list, even an empty one.")
            .Must(ids => ids is null || ids.Count < Limits.HandedVersions).WithMessage($"Hand over at most {Limits.HandedVersions - 1} dataset versions.");
        RuleForEach(c => c.DatasetVersionIds).Id("a dataset version");
        RuleFor(c => c.ModelVersionId!.Value).Id("a model version").When(c => c.ModelVersionId is not null);
    }
}

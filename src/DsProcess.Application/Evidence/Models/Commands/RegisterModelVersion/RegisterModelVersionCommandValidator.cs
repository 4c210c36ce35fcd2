using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using FluentValidation;

namespace DsProcess.Application.Evidence.Models.Commands.RegisterModelVersion;

public sealed class RegisterModelVersionCommandValidator : AbstractValidator<RegisterModelVersionCommand>
{
    public RegisterModelVersionCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the model.")
            .MaximumLength(Limits.DatasetName).WithMessage($"The name must be at most {Limits.DatasetName} characters.")
            .CleanText();
        RuleFor(c => c.Label)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the version a label (v3).")
            .MaximumLength(Limits.VersionLabel).WithMessage($"The label must be at most {Limits.VersionLabel} characters.")
            .CleanText();
        RuleFor(c => c.Approach).Approach();
        RuleFor(c => c.ExperimentId).OptionalId("Choose an experiment from the list, or none.");
        RuleFor(c => c.ExperimentName)
            .Null().When(c => c.ExperimentId is not null).WithMessage("Name the experiment or choose it, not both.")
            .MaximumLength(Limits.DatasetName).WithMessage($"The experiment's name must be at most {Limits.DatasetName} characters.")
            .CleanText();
        RuleFor(c => c.ArtefactUri).Location("The artefact location", required: false);
        RuleFor(c => c.ExplanationLink).Location("The explanation link", required: false);
        RuleFor(c => c.TrainedOn).DatasetVersions();
        RuleFor(c => c.EvaluatedOn).DatasetVersions();
        RuleFor(c => c.Metrics)
            .NotNull().WithMessage("Give the metrics as a list, even an empty one.")
            .Must(m => m is null || m.Count <= Limits.Metrics).WithMessage($"Record at most {Limits.Metrics} metrics.")
            .Must(m => m is null || m.Where(x => x?.Name is not null).GroupBy(x => (EvidenceRules.MetricKey(x.Name), x.Split)).All(g => g.Count() == 1))
            .WithMessage("Each metric may be given once per split.");
        RuleForEach(c => c.Metrics).NotNull().WithMessage("Give each metric a name, a split and a value.").ChildRules(metric =>
        {
            metric.RuleFor(m => m.Name).MetricName();
            metric.RuleFor(m => m.Split).IsInEnum().WithMessage("Choose the split from the list.");
            metric.RuleFor(m => m.Value).Finite("value");
        });
    }
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Evidence.Models.Commands.SetMetricTarget;

public sealed class SetMetricTargetCommandValidator : AbstractValidator<SetMetricTargetCommand>
{
    public SetMetricTargetCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Metric).MetricName();
        RuleFor(c => c.Split).IsInEnum().WithMessage("Choose the split from the list.");
        RuleFor(c => c.Direction).IsInEnum().WithMessage("Choose at least (≥) or at most (≤).");
        RuleFor(c => c.Threshold).Finite("threshold");
    }
}

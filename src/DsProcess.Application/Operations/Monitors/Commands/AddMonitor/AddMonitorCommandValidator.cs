using DsProcess.Application.Common.Validation;
using DsProcess.Application.Evidence.Models;
using FluentValidation;

namespace DsProcess.Application.Operations.Monitors.Commands.AddMonitor;

public sealed class AddMonitorCommandValidator : AbstractValidator<AddMonitorCommand>
{
    public AddMonitorCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.ModelVersionId).Id("a model version");
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose a monitor kind from the list.");
        RuleFor(c => c.Metric).MetricName();
        RuleFor(c => c.Direction).IsInEnum().WithMessage("Choose at least or at most.");
        RuleFor(c => c.Threshold).Finite("threshold");
        RuleFor(c => c.Severity).IsInEnum().WithMessage("Choose a severity from the list.");
        RuleFor(c => c.ReworkAfterMinutes).ReworkAfter();
    }
}

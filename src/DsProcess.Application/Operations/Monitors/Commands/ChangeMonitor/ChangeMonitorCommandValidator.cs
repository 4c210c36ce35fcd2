using DsProcess.Application.Common.Validation;
using DsProcess.Application.Evidence.Models;
using FluentValidation;

namespace DsProcess.Application.Operations.Monitors.Commands.ChangeMonitor;

public sealed class ChangeMonitorCommandValidator : AbstractValidator<ChangeMonitorCommand>
{
    public ChangeMonitorCommandValidator()
    {
        RuleFor(c => c.MonitorId).Id("a monitor");
        RuleFor(c => c.Metric).MetricName();
        RuleFor(c => c.Direction).IsInEnum().WithMessage("Choose at least or at most.");
        RuleFor(c => c.Threshold).Finite("threshold");
        RuleFor(c => c.Severity).IsInEnum().WithMessage("Choose a severity from the list.");
        RuleFor(c => c.ReworkAfterMinutes).ReworkAfter();
    }
}

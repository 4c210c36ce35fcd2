using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Operations.Monitors.Commands.RemoveMonitor;

public sealed class RemoveMonitorCommandValidator : AbstractValidator<RemoveMonitorCommand>
{
    public RemoveMonitorCommandValidator() => RuleFor(c => c.MonitorId).Id("a monitor");
}

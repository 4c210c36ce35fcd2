using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Operations.Monitors.Commands.RecordSignals;

public sealed class RecordSignalsCommandValidator : AbstractValidator<RecordSignalsCommand>
{
    public RecordSignalsCommandValidator()
    {
        RuleFor(c => c.MonitorId).Id("a monitor");
        RuleFor(c => c.ProjectId).OptionalId("Say which project the monitor is on.");
        RuleFor(c => c.Signals)
            .NotNull().WithMessage("Send the signals as a list.")
            .Must(s => s is null || s.Count is > 0 and <= Limits.SignalsPerCall).WithMessage($"Send from 1 to {Limits.SignalsPerCall} signals at a time.")
            .Must(s => s is null || s.All(x => x is not null && double.IsFinite(x.Value))).WithMessage("Every signal's value must be a number.")
            .Must(s => s is null || s.All(x => x is null || x.At != default)).WithMessage("Every signal needs the time it was measured.");
    }
}

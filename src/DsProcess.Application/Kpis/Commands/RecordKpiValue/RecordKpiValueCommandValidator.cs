using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Kpis.Commands.RecordKpiValue;

public sealed class RecordKpiValueCommandValidator : AbstractValidator<RecordKpiValueCommand>
{
    public RecordKpiValueCommandValidator()
    {
        RuleFor(c => c.KpiId).Id("a KPI");
        RuleFor(c => c.Value).Finite("value");
        RuleFor(c => c.At).Must(at => at is null || at.Value.Year >= 2000).WithMessage("Give the date the value was measured.");
        RuleFor(c => c.Note).MaximumLength(Limits.KpiNote).WithMessage($"A note must be at most {Limits.KpiNote} characters.").CleanText();
    }
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Kpis.Commands.RemoveKpi;

public sealed class RemoveKpiCommandValidator : AbstractValidator<RemoveKpiCommand>
{
    public RemoveKpiCommandValidator() => RuleFor(c => c.KpiId).Id("a KPI");
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Kpis.Commands.ChangeKpi;

public sealed class ChangeKpiCommandValidator : AbstractValidator<ChangeKpiCommand>
{
    public ChangeKpiCommandValidator()
    {
        RuleFor(c => c.KpiId).Id("a KPI");
        RuleFor(c => c.Name).KpiName();
        RuleFor(c => c.Unit).KpiUnit();
        RuleFor(c => c.Baseline).OptionalFinite("baseline");
        RuleFor(c => c.Target).Finite("target");
        RuleFor(c => c.Direction).KpiDirection();
    }
}

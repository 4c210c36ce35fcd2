using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Kpis.Commands.AddKpi;

public sealed class AddKpiCommandValidator : AbstractValidator<AddKpiCommand>
{
    public AddKpiCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Name).KpiName();
        RuleFor(c => c.Unit).KpiUnit();
        RuleFor(c => c.Baseline).OptionalFinite("baseline");
        RuleFor(c => c.Target).Finite("target");
        RuleFor(c => c.Direction).KpiDirection();
    }
}

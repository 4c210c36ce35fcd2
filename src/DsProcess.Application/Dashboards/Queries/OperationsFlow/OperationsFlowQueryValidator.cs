using FluentValidation;

namespace DsProcess.Application.Dashboards.Queries.OperationsFlow;

public sealed class OperationsFlowQueryValidator : AbstractValidator<OperationsFlowQuery>
{
    public OperationsFlowQueryValidator() =>
        RuleFor(q => q.PeriodDays)
            .Must(days => Dashboards.FlowMetrics.Periods.Contains(days))
            .WithMessage($"Choose a period of {string.Join(", ", Dashboards.FlowMetrics.Periods[..^1])} or {Dashboards.FlowMetrics.Periods[^1]} days.");
}

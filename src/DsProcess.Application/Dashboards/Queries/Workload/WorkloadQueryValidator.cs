using FluentValidation;

namespace DsProcess.Application.Dashboards.Queries.Workload;

public sealed class WorkloadQueryValidator : AbstractValidator<WorkloadQuery>
{
    public WorkloadQueryValidator() =>
        RuleFor(q => q.Take).InclusiveBetween(1, 100).WithMessage("Show from 1 to 100 people.");
}

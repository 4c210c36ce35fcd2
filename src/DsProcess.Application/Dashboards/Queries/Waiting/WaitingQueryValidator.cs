using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Dashboards.Queries.Waiting;

public sealed class WaitingQueryValidator : AbstractValidator<WaitingQuery>
{
    public WaitingQueryValidator()
    {
        RuleFor(q => q.Filter).NotNull().WithMessage("Give the dashboard's filters.").SetValidator(new DashboardFilterValidator());
        RuleFor(q => q.List).IsInEnum().WithMessage("Choose a list: gates, handoffs or overdue tasks.");
        RuleFor(q => q.Page).Page();
        RuleFor(q => q.PageSize).PageSize(100);
    }
}

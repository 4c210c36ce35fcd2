using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Dashboards.Queries.DashboardProjects;

public sealed class DashboardProjectsQueryValidator : AbstractValidator<DashboardProjectsQuery>
{
    /// <summary>The most rows one request reads: the CSV export of a whole portfolio.</summary>
    public const int MaxPageSize = 10_000;

    public DashboardProjectsQueryValidator()
    {
        RuleFor(q => q.Filter).NotNull().WithMessage("Give the dashboard's filters.").SetValidator(new DashboardFilterValidator());
        RuleFor(q => q.Health).IsInEnum().WithMessage("Choose a health from the list.");
        RuleFor(q => q.Page).Page();
        RuleFor(q => q.PageSize).PageSize(MaxPageSize);
    }
}

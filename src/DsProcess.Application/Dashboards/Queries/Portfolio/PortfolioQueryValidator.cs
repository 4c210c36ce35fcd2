using FluentValidation;

namespace DsProcess.Application.Dashboards.Queries.Portfolio;

public sealed class PortfolioQueryValidator : AbstractValidator<PortfolioQuery>
{
    public PortfolioQueryValidator() =>
        RuleFor(q => q.Filter).NotNull().WithMessage("Give the dashboard's filters.").SetValidator(new DashboardFilterValidator());
}

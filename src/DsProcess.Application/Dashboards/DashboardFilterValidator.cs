using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Dashboards;

/// <summary>The dashboard's filters, shared by its queries (they also arrive from the address bar and CSV links).</summary>
public sealed class DashboardFilterValidator : AbstractValidator<DashboardFilter>
{
    public DashboardFilterValidator()
    {
        RuleFor(f => f.LeadId).OptionalId("Choose a team lead from the list.");
        RuleFor(f => f.Status).IsInEnum().WithMessage("Choose a project status from the list.");
        RuleFor(f => f.Phase).IsInEnum().WithMessage("Choose a phase from the list.");
        RuleFor(f => f.Iteration).GreaterThanOrEqualTo(1).WithMessage("Iterations are numbered from 1.");
    }
}

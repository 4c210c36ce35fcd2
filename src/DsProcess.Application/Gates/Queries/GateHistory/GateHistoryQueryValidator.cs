using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Gates.Queries.GateHistory;

public sealed class GateHistoryQueryValidator : AbstractValidator<GateHistoryQuery>
{
    public GateHistoryQueryValidator()
    {
        RuleFor(q => q.ProjectId).Id("the project");
        RuleFor(q => q.Phase).IsInEnum().WithMessage("Choose a phase from the list.");
    }
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Gates.Queries.GateDetails;

public sealed class GateDetailsQueryValidator : AbstractValidator<GateDetailsQuery>
{
    public GateDetailsQueryValidator()
    {
        RuleFor(q => q.Key).ProjectKey();
        RuleFor(q => q.Phase).IsInEnum().WithMessage("Choose a phase from the list.");
    }
}

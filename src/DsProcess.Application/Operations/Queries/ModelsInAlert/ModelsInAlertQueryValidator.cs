using FluentValidation;

namespace DsProcess.Application.Operations.Queries.ModelsInAlert;

public sealed class ModelsInAlertQueryValidator : AbstractValidator<ModelsInAlertQuery>
{
    public ModelsInAlertQueryValidator() => RuleFor(q => q.Take).InclusiveBetween(1, 200).WithMessage("Show from 1 to 200 alerts.");
}

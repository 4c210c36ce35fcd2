using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Operations.Alerts.Commands.OpenReworkFromAlert;

public sealed class OpenReworkFromAlertCommandValidator : AbstractValidator<OpenReworkFromAlertCommand>
{
    public OpenReworkFromAlertCommandValidator()
    {
        RuleFor(c => c.AlertId).Id("an alert");
        RuleFor(c => c.Note).Note();
    }
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Operations.Alerts.Commands.DismissAlert;

public sealed class DismissAlertCommandValidator : AbstractValidator<DismissAlertCommand>
{
    public DismissAlertCommandValidator()
    {
        RuleFor(c => c.AlertId).Id("an alert");
        RuleFor(c => c.Reason).Reason("Say why the alert is dismissed.");
    }
}

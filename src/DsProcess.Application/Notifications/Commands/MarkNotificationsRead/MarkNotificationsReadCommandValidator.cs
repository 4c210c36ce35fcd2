using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Notifications.Commands.MarkNotificationsRead;

public sealed class MarkNotificationsReadCommandValidator : AbstractValidator<MarkNotificationsReadCommand>
{
    public MarkNotificationsReadCommandValidator() =>
        RuleFor(c => c.NotificationId).OptionalId("Choose a notification, or none to mark them all read.");
}

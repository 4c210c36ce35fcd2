using FluentValidation;

namespace DsProcess.Application.Notifications.Queries.MyNotifications;

public sealed class MyNotificationsQueryValidator : AbstractValidator<MyNotificationsQuery>
{
    public MyNotificationsQueryValidator() =>
        RuleFor(q => q.Take).InclusiveBetween(1, 100).WithMessage("Show from 1 to 100 notifications.");
}

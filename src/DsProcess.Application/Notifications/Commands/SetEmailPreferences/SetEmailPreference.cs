using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Notifications;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Notifications.Commands.SetEmailPreferences;

/// <summary>
/// How the caller hears of one kind of notification: e-mail at once, a daily digest, or the app only. (An e-mail's
/// unsubscribe link sends it as the person the link was made for: its signature stands in for signing in.)
/// </summary>
public sealed record SetEmailPreferenceCommand(NotificationKind Kind, EmailChoice Choice) : ICommand;

public sealed class SetEmailPreferenceCommandValidator : AbstractValidator<SetEmailPreferenceCommand>
{
    public SetEmailPreferenceCommandValidator()
    {
        RuleFor(c => c.Kind).Must(k => EmailChoices.Kinds.Contains(k)).WithMessage("That kind of notification is shown in the app only.");
        RuleFor(c => c.Choice).IsInEnum().WithMessage("Choose e-mail at once, a daily digest, or the app only.");
    }
}

/// <remarks>A change is recorded in the system's activity log; choosing what is already chosen changes nothing.</remarks>
public sealed class SetEmailPreferenceCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<SetEmailPreferenceCommand>
{
    public async ValueTask<Unit> Handle(SetEmailPreferenceCommand command, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        var preference = await db.EmailPreferences.SingleOrDefaultAsync(p => p.PersonId == me.Id && p.Kind == command.Kind, cancellationToken);
        var before = preference?.Choice ?? EmailChoices.Default(command.Kind);
        if (before == command.Choice)
        {
            return Unit.Value;
        }

        if (preference is null)
        {
            db.EmailPreferences.Add(new EmailPreference(me.Id, command.Kind, command.Choice));
        }
        else
        {
            preference.Choose(command.Choice);
        }

        db.Activity.Add(ActivityEntry.ForSystem(
            ActivityKind.EmailChoiceChanged, me.AsActor(), clock.GetUtcNow(), me.DisplayName, $"{command.Kind}: {before}", $"{command.Kind}: {command.Choice}"));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Teams;
using DsProcess.Domain.People;
using FluentValidation;
using Mediator;

namespace DsProcess.Application.People.Commands.ChooseAppearance;

/// <summary>The caller chooses how the app looks to them: as their device is set, light or dark.</summary>
public sealed record ChooseAppearanceCommand(Appearance Appearance) : ICommand;

public sealed class ChooseAppearanceCommandValidator : AbstractValidator<ChooseAppearanceCommand>
{
    public ChooseAppearanceCommandValidator() =>
        RuleFor(c => c.Appearance).IsInEnum().WithMessage("Choose the system setting, light or dark.");
}

public sealed class ChooseAppearanceCommandHandler(IAppDbContext db, Access access, TimeProvider clock)
    : ICommandHandler<ChooseAppearanceCommand>
{
    public async ValueTask<Unit> Handle(ChooseAppearanceCommand command, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        var person = await db.LoadPersonAsync(me.Id, cancellationToken);
        person.ChooseAppearance(command.Appearance, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

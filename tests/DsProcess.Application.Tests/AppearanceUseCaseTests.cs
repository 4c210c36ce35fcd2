using DsProcess.Application.People.Commands.ChooseAppearance;
using DsProcess.Domain.Activity;
using DsProcess.Domain.People;
using Microsoft.EntityFrameworkCore;
using ValidationException = DsProcess.Application.Common.Exceptions.ValidationException;

namespace DsProcess.Application.Tests;

/// <summary>How the app looks to a person, chosen by them and remembered, on PostgreSQL.</summary>
public sealed class AppearanceUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_person_chooses_dark_and_the_choice_is_kept_and_recorded_once()
    {
        var person = await app.CreatePersonAsync("Nia Night");

        await app.SendAsync(new ChooseAppearanceCommand(Appearance.Dark), person);
        await app.SendAsync(new ChooseAppearanceCommand(Appearance.Dark), person);

        Assert.Equal(Appearance.Dark, await app.WithDbAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Appearance).SingleAsync()));
        var recorded = await app.WithDbAsync(db => db.Activity.AsNoTracking().Where(a => a.Kind == ActivityKind.AppearanceChosen && a.ActorId == person.Id).ToListAsync());
        Assert.Equal(("System", "Dark", person.Name), (Assert.Single(recorded).From, recorded[0].To, recorded[0].ActorName));
    }

    [Fact]
    public async Task An_appearance_that_does_not_exist_is_refused()
    {
        var person = await app.CreatePersonAsync("Una Known");

        var error = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new ChooseAppearanceCommand((Appearance)7), person));

        Assert.Equal(["Choose the system setting, light or dark."], error.Errors[nameof(ChooseAppearanceCommand.Appearance)]);
    }
}

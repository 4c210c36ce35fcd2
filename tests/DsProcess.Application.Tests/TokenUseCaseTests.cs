using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Evidence.Models.Queries.ProjectModels;
using DsProcess.Application.People.Commands.SetUserEnabled;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Projects.Queries.ListProjects;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Tasks.Commands.AddTask;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tokens;
using DsProcess.Application.Tokens.Commands.CreatePersonalToken;
using DsProcess.Application.Tokens.Commands.CreateServiceToken;
using DsProcess.Application.Tokens.Commands.RevokeToken;
using DsProcess.Application.Tokens.Queries.AllTokens;
using DsProcess.Application.Tokens.Queries.MyTokens;
using DsProcess.Application.Tokens.Queries.ProjectServiceTokens;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Integration;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Application.Tests;

public sealed class TokenUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_personal_token_is_shown_once_and_stored_only_as_a_hash()
    {
        var person = await app.CreatePersonAsync("Tia Token");

        var created = await app.SendAsync(new CreatePersonalTokenCommand("  laptop notebook ", TokenScope.Read, 30), person);

        Assert.StartsWith("dsp_", created.Secret, StringComparison.Ordinal);
        Assert.True(created.Secret.Length >= 40);
        var stored = await app.WithDbAsync(db => db.ApiTokens.SingleAsync(t => t.Id == created.Id));
        Assert.Equal(TokenSecrets.Hash(created.Secret), stored.SecretHash);
        Assert.DoesNotContain(created.Secret, stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal("laptop notebook", stored.Name);
        Assert.Equal(person.Id, stored.PersonId);
        var listed = Assert.Single(await app.SendAsync(new MyTokensQuery(), person));
        Assert.Equal((created.Id, "laptop notebook", TokenScope.Read, "Tia Token"), (listed.Id, listed.Name, listed.Scope, listed.OwnerName));
        Assert.True(created.Secret.StartsWith(listed.Prefix, StringComparison.Ordinal) && listed.Prefix.Length < 12);
        var logged = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ActorId == person.Id && a.Kind == ActivityKind.ApiTokenCreated));
        Assert.Equal(("laptop notebook", "Tia Token"), (logged.Subject, logged.ActorName));
        Assert.DoesNotContain(created.Secret, logged.To, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_token_input_gets_messages_per_field_and_saves_nothing()
    {
        var person = await app.CreatePersonAsync("Val Idate");
        await app.SendAsync(new CreatePersonalTokenCommand("ci", TokenScope.ReadWrite, 7), person);

        var invalid = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new CreatePersonalTokenCommand(" ", (TokenScope)9, 3), person));
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new CreatePersonalTokenCommand("CI", TokenScope.Read, 30), person));

        Assert.Equal(["LifetimeInDays", "Name", "Scope"], invalid.Errors.Keys.Order());
        Assert.Contains("already in use", Assert.Single(duplicate.Errors["Name"]), StringComparison.Ordinal);
        Assert.Single(await app.SendAsync(new MyTokensQuery(), person));
    }

    [Fact]
    public async Task A_read_only_token_reads_but_changes_nothing()
    {
        var board = await app.CreateProjectAsync();
        var token = await app.CreatePersonalTokenAsync(app.Lead, TokenScope.Read);
        var task = board.Phases[0].Tasks[0];

        var read = await app.SendWithTokenAsync<ProjectBoardDto>(token, new ProjectBoardQuery(board.Key));
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendWithTokenAsync<Mediator.Unit>(token, new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start)));

        Assert.Equal(board.Id, read.Id);
        Assert.Contains("may only read", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ProjectTaskStatus.NotStarted, (await app.TaskAsync(board.Key, task.Title)).Status);
    }

    [Fact]
    public async Task A_personal_token_acts_as_its_owner_and_the_log_names_the_token()
    {
        var board = await app.CreateProjectAsync();
        var token = await app.CreatePersonalTokenAsync(app.Lead, name: "ci runner");
        var task = board.Phases[0].Tasks[0];

        await app.SendWithTokenAsync<Mediator.Unit>(token, new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start));

        var logged = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.TaskId == task.Id && a.Kind == ActivityKind.TaskStatusChanged));
        Assert.Equal((app.Lead.Id, "via token ci runner of Lea Lead"), (logged.ActorId, logged.ActorName));
    }

    [Fact]
    public async Task A_service_token_acts_with_its_one_role_on_its_own_project_only()
    {
        var board = await app.CreateProjectAsync();
        var other = await app.CreateProjectAsync();
        var token = await app.CreateServiceTokenAsync(board.Id, ProjectRole.DataEngineer, name: "ingest job");
        var collection = await app.TaskAsync(board.Key, "Data collection");
        var experimentation = await app.TaskAsync(board.Key, "Model experimentation");

        await app.SendWithTokenAsync<Mediator.Unit>(token, new ChangeTaskStatusCommand(collection.Id, collection.Version, TaskMove.Start));
        var notItsRole = await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendWithTokenAsync<Mediator.Unit>(token, new ChangeTaskStatusCommand(experimentation.Id, experimentation.Version, TaskMove.Start)));
        var notPlanning = await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendWithTokenAsync<Guid>(token, new AddTaskCommand { ProjectId = board.Id, Phase = PhaseKind.DataDevelopment, Title = "Extra" }));
        var otherProject = await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendWithTokenAsync<ProjectBoardDto>(token, new ProjectBoardQuery(other.Key)));
        var otherModels = await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendWithTokenAsync<ProjectModelsDto>(token, new ProjectModelsQuery(other.Key)));
        var systemWide = await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendWithTokenAsync<CreatedProject>(token, new CreateProjectCommand { Name = "Side project", Key = Keys.Next("S"), TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60) }));
        var listed = await app.SendWithTokenAsync<Common.Models.PagedList<ProjectListItem>>(token, new ListProjectsQuery());

        Assert.Contains("own project only", otherProject.Message, StringComparison.Ordinal);
        Assert.Contains("own project only", otherModels.Message, StringComparison.Ordinal);
        Assert.Contains("own project only", systemWide.Message, StringComparison.Ordinal);
        Assert.Contains("team lead", notPlanning.Message, StringComparison.Ordinal);
        Assert.Contains("Model experimentation", notItsRole.Message, StringComparison.Ordinal);
        Assert.Equal([board.Key], listed.Items.Select(p => p.Key));
        var logged = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.TaskId == collection.Id && a.Kind == ActivityKind.TaskStatusChanged));
        Assert.Equal("via token ingest job of Lea Lead", logged.ActorName);
    }

    [Fact]
    public async Task Revoked_and_expired_tokens_are_refused_at_once_and_a_disabled_owner_takes_their_tokens_along()
    {
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var person = await app.CreatePersonAsync("Rey Voked");
        var revoked = await app.SendAsync(new CreatePersonalTokenCommand("old laptop", TokenScope.Read, 7), person);
        var expired = await app.SendAsync(new CreatePersonalTokenCommand("last year", TokenScope.Read, 7), person);
        var owned = await app.CreatePersonalTokenAsync(person, TokenScope.Read);
        // Checked once, so the app remembers them: a revocation or a disabled account must still count at once.
        Assert.Null((await CheckAsync(revoked.Secret)).Refusal);
        Assert.Null((await CheckAsync(owned)).Refusal);
        await app.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == expired.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        var nosy = await app.CreatePersonAsync("Ned Nosy");
        var stranger = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RevokeTokenCommand(revoked.Id), nosy));
        await app.SendAsync(new RevokeTokenCommand(revoked.Id), person);
        await app.SendAsync(new SetUserEnabledCommand(person.Id, Enabled: false), admin);

        Assert.NotNull(stranger);
        Assert.Contains("was revoked", (await CheckAsync(revoked.Secret)).Refusal, StringComparison.Ordinal);
        Assert.Contains("expired", (await CheckAsync(expired.Secret)).Refusal, StringComparison.Ordinal);
        Assert.Equal("The token is not known.", (await CheckAsync("dsp_" + new string('x', 43))).Refusal);
        var disabled = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendWithTokenAsync<IReadOnlyList<TokenSummary>>(owned, new MyTokensQuery()));
        Assert.Contains("disabled", disabled.Message, StringComparison.Ordinal);
        var log = await app.WithDbAsync(db => db.Activity.Where(a => a.Kind == ActivityKind.ApiTokenRevoked && a.Subject == "old laptop").ToListAsync());
        Assert.Equal("Rey Voked", Assert.Single(log).ActorName);
    }

    [Fact]
    public async Task A_team_lead_makes_and_revokes_service_tokens_and_tokens_never_make_tokens()
    {
        var board = await app.CreateProjectAsync();
        var created = await app.SendAsync(new CreateServiceTokenCommand(board.Id, "training pipeline", ProjectRole.DataScientist, TokenScope.ReadWrite, 90));
        var asLead = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new CreateServiceTokenCommand(board.Id, "boss", ProjectRole.TeamLead, TokenScope.ReadWrite, 90)));

        var byToken = await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendWithTokenAsync<CreatedToken>(created.Secret, new CreatePersonalTokenCommand("escalate", TokenScope.ReadWrite, 30)));
        var listed = Assert.Single(await app.SendAsync(new ProjectServiceTokensQuery(board.Id)));
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var reviewed = await app.SendAsync(new AllTokensQuery(), admin);
        await app.SendAsync(new RevokeTokenCommand(created.Id));

        Assert.Equal((ProjectRole.DataScientist, "Lea Lead", board.Key), (listed.Role, listed.OwnerName, listed.ProjectKey));
        Assert.Contains(reviewed, t => t.Id == created.Id && t.ProjectKey == board.Key);
        Assert.True(listed.IsUsableAt(DateTimeOffset.UtcNow));
        Assert.Contains("Role", asLead.Errors.Keys);
        Assert.Contains("browser", byToken.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(await app.SendAsync(new ProjectServiceTokensQuery(board.Id))).IsUsableAt(DateTimeOffset.UtcNow));
        var logged = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id && a.Subject == "training pipeline").Select(a => a.Kind).ToListAsync());
        Assert.Equal([ActivityKind.ApiTokenCreated, ActivityKind.ApiTokenRevoked], logged.Order());
    }

    [Fact]
    public async Task Last_use_is_noted_to_the_minute()
    {
        var person = await app.CreatePersonAsync("Lu Stused");
        var token = await app.CreatePersonalTokenAsync(person, TokenScope.Read);

        await app.SendWithTokenAsync<IReadOnlyList<TokenSummary>>(token, new MyTokensQuery());
        var first = Assert.Single(await app.SendAsync(new MyTokensQuery(), person)).LastUsedAt;
        await CheckAsync(token);
        var second = Assert.Single(await app.SendAsync(new MyTokensQuery(), person)).LastUsedAt;

        Assert.NotNull(first);
        Assert.Equal(first, second);
    }

    private async Task<TokenCheck> CheckAsync(string secret)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TokenAuthenticator>().CheckAsync(secret, CancellationToken.None);
    }
}

using DsProcess.Application.Gates.Commands.DecideGate;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Search;
using DsProcess.Domain.Gates;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using ValidationException = DsProcess.Application.Common.Exceptions.ValidationException;

namespace DsProcess.Application.Tests;

/// <summary>The search box: full-text search with PostgreSQL over what a person may read, on PostgreSQL.</summary>
public sealed class SearchUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A word no other test writes, so each test finds only its own things in the class's shared database.</summary>
    private static string Word() => $"w{Guid.NewGuid().ToString("N")[..10]}";

    [Fact]
    public async Task A_member_finds_every_kind_in_their_project_and_nothing_of_another_team()
    {
        var word = Word();
        var ours = await app.CreateProjectAsync(name: $"Churn {word}");
        var theirs = await app.CreateProjectAsync(name: $"Fraud {word}");
        var member = await app.CreateMemberAsync(ours.Id, $"Dana Scientist {word}", ProjectRole.DataScientist);
        await app.CreateMemberAsync(theirs.Id, $"Otto Outsider {word}", ProjectRole.DataEngineer);
        await app.FinishRequiredTasksAsync(ours.Key, PhaseKind.DataDevelopment);
        var review = await app.SendAsync(new SubmitGateCommand(ours.Id, PhaseKind.DataDevelopment));
        await app.SendAsync(new DecideGateCommand(review, GateDecision.Approved, Reason: $"The lineage is complete {word}"), member);

        var found = await app.SendAsync(new SearchQuery(word), member);

        Assert.Equal([$"Churn {word}"], Titles(found, SearchKind.Project));
        Assert.Equal([$"Dana Scientist {word}"], Titles(found, SearchKind.Person));
        var gate = Assert.Single(found.Results, r => r.Kind == SearchKind.GateDecision);
        Assert.Equal(($"Data Development gate: Approved by Dana Scientist {word}", $"/projects/{ours.Key}?gate=DataDevelopment"), (gate.Title, gate.Link));
        Assert.DoesNotContain(found.Results, r => r.ProjectKey == theirs.Key);

        // Words of the playbook's tasks and the evidence: every project has them, the member finds their own.
        var tasks = await app.SendAsync(new SearchQuery("functional test"), member);
        var task = Assert.Single(tasks.Results, r => r.Kind == SearchKind.Task);
        Assert.Equal(("Functional testing", ours.Key), (task.Title, task.ProjectKey));
        Assert.StartsWith($"/projects/{ours.Key}?task=", task.Link, StringComparison.Ordinal);
        var evidence = await app.SendAsync(new SearchQuery("customers train"), member);
        Assert.Equal(["customers-train v1"], Titles(evidence, SearchKind.DatasetVersion));
        Assert.Equal(["churn-gbm v1"], Titles(await app.SendAsync(new SearchQuery("GBM"), member), SearchKind.ModelVersion));
        Assert.All(evidence.Results.Concat(tasks.Results), r => Assert.Equal(ours.Key, r.ProjectKey));

        // An admin reads every project, and finds both.
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var everything = await app.SendAsync(new SearchQuery($"{word} fraud"), admin);
        Assert.Equal([$"Fraud {word}"], Titles(everything, SearchKind.Project));
        Assert.Equal(
            [$"Churn {word}", $"Fraud {word}"],
            Titles(await app.SendAsync(new SearchQuery(word), admin), SearchKind.Project).Order());
    }

    [Fact]
    public async Task A_name_ranks_above_a_description_and_a_word_matches_its_other_forms()
    {
        var word = Word();
        var inName = await app.CreateProjectAsync(name: $"Forecasting {word}", withEvidence: false);
        await app.SendAsync(new Projects.Commands.CreateProject.CreateProjectCommand
        {
            Name = $"Stock levels {word}",
            Key = Keys.Next(),
            Objective = "Better forecasts of demand",
            TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90),
        });

        // "forecasted" and "forecasts" stem to "forecast", which both hold.
        var found = await app.SendAsync(new SearchQuery($"{word} forecasted"));

        Assert.Equal([inName.Name, $"Stock levels {word}"], Titles(found, SearchKind.Project));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("& | ! :* ( ) '")]
    public async Task Nothing_to_search_for_finds_nothing_and_query_syntax_typed_is_only_text(string text)
    {
        Assert.Empty((await app.SendAsync(new SearchQuery(text))).Results);
        Assert.Null(SearchQueryHandler.Terms(text));
    }

    [Fact]
    public async Task A_search_too_long_is_refused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new SearchQuery(new string('a', 101))));
        Assert.Equal(["Search for at most 100 characters."], error.Errors[nameof(SearchQuery.Text)]);
    }

    [Fact]
    public void Typed_words_become_prefix_terms_that_must_all_match()
    {
        Assert.Equal("churn:* & model:* & v2:*", SearchQueryHandler.Terms("Churn  model, V2!"));
        Assert.Equal("dsp:* & 12:*", SearchQueryHandler.Terms("DSP-12"));
    }

    private static List<string> Titles(SearchResults found, SearchKind kind) => [.. found.Results.Where(r => r.Kind == kind).Select(r => r.Title)];
}

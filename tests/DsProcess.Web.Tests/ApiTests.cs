using System.Net;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Application.Tokens.Commands.RevokeToken;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Integration;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.ChangeFeed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Web.Tests;

/// <summary>The REST API over HTTP with bearer tokens: its answers, its errors, its preconditions, its idempotency and its paging.</summary>
public sealed class ApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Without_a_token_or_with_a_bad_one_the_api_answers_401_with_a_problem_never_the_sign_in_page()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        using var anonymous = app.CreateClient();
        using var garbage = app.ApiClient("dsp_not-a-real-token");

        var none = await anonymous.GetAsync($"/api/v1/projects/{board.Key}");
        var bad = await garbage.GetAsync("/api/v1/projects");
        var post = await anonymous.PostAsync($"/api/v1/projects/{board.Key}/datasets", new { name = "x", layer = "Bronze", purpose = "Source" });

        await none.ProblemAsync(401);
        await bad.ProblemAsync(401);
        await post.ProblemAsync(401);
        Assert.Null(none.Headers.Location);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Expired_and_revoked_tokens_get_401()
    {
        var scientist = await app.CreatePersonAsync("Ed Expired");
        var expired = await app.CreatePersonalTokenAsync(scientist, name: "old one");
        var revoked = await app.CreatePersonalTokenAsync(scientist, name: "leaked one");
        using var before = app.ApiClient(expired);
        await (await before.GetAsync("/api/v1/projects")).ExpectAsync(200);
        await app.WithDbAsync(db => db.ApiTokens.Where(t => t.PersonId == scientist.Id && t.Name == "old one")
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var leaked = await app.WithDbAsync(db => db.ApiTokens.SingleAsync(t => t.PersonId == scientist.Id && t.Name == "leaked one"));
        await app.SendAsync(new RevokeTokenCommand(leaked.Id), scientist);

        using var expiredClient = app.ApiClient(expired);
        using var revokedClient = app.ApiClient(revoked);

        // The revocation was saved by this instance, so it is refused at once; the expiry was written to the database
        // behind the app's back, which hears of it from the change feed.
        Assert.Contains("revoked", (await (await revokedClient.GetAsync("/api/v1/projects")).ProblemAsync(401))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await expiredClient.GetAsync("/api/v1/projects")).StatusCode == HttpStatusCode.Unauthorized);
        Assert.Contains("expired", (await (await expiredClient.GetAsync("/api/v1/projects")).ProblemAsync(401))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_token_reads_but_is_refused_403_on_every_change_and_nothing_changes()
    {
        var board = await app.CreateProjectAsync();
        var scientist = await app.CreateMemberAsync(board.Id, "Rita Reader", ProjectRole.DataScientist);
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(scientist, TokenScope.Read));
        var models = await app.WithDbAsync(db => db.ModelVersions.CountAsync(m => m.ProjectId == board.Id));

        await (await client.GetAsync($"/api/v1/projects/{board.Key}/model-versions")).ExpectAsync(200);
        var refused = await client.PostAsync($"/api/v1/projects/{board.Key}/model-versions", ModelVersion("v9"));

        await refused.ProblemAsync(403);
        Assert.Equal(models, await app.WithDbAsync(db => db.ModelVersions.CountAsync(m => m.ProjectId == board.Id)));
    }

    [Fact]
    public async Task A_training_script_registers_its_model_version_with_metrics_and_experiment_in_one_call()
    {
        var board = await app.CreateProjectAsync();
        var scientist = await app.CreateMemberAsync(board.Id, "Sam Script", ProjectRole.DataScientist);
        var splits = await app.WithDbAsync(db => db.DatasetVersions.Where(v => v.ProjectId == board.Id).Select(v => new { v.Id, v.Purpose }).ToListAsync());
        using var client = app.ApiClient(await app.CreateServiceTokenAsync(board.Id, ProjectRole.DataScientist, name: "training"));
        var body = ModelVersion("v7") with
        {
            TrainedOn = [splits.First(s => s.Purpose == Domain.Evidence.DatasetPurpose.TrainingSplit).Id],
            EvaluatedOn = [splits.First(s => s.Purpose == Domain.Evidence.DatasetPurpose.TestSplit).Id],
        };

        var created = await client.PostAsync($"/api/v1/projects/{board.Key}/model-versions", body);

        var id = (await created.ExpectAsync(201))["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/projects/{board.Key}/model-versions/{id}", created.Headers.Location!.OriginalString);
        var read = await client.GetJsonAsync(created.Headers.Location.OriginalString);
        Assert.Equal("Nightly run", read["experiment"]!.GetValue<string>());
        Assert.Equal(0.91, read["metrics"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "recall")!["value"]!.GetValue<double>());
        Assert.Equal("Test", read["metrics"]![0]!["split"]!.GetValue<string>());
        Assert.StartsWith("via token training of ", read["registeredByName"]!.GetValue<string>(), StringComparison.Ordinal);
        var experiments = await client.GetJsonAsync($"/api/v1/projects/{board.Key}/experiments");
        Assert.Equal(1, experiments.AsArray().Single(e => e!["name"]!.GetValue<string>() == "Nightly run")!["modelVersions"]!.GetValue<int>());
    }

    [Fact]
    public async Task Registering_a_model_version_with_an_idempotency_key_takes_four_sql_round_trips_once_the_token_was_checked()
    {
        var board = await app.CreateProjectAsync();
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));
        var path = $"/api/v1/projects/{board.Key}/model-versions";
        // Metrics that no target names: nobody is told of a version meeting its targets.
        var body = ModelVersion("v1") with { Metrics = [new("auc", "Test", 0.8)] };
        await Eventually.TrueAsync(() => app.Services.GetRequiredService<PostgresChangeFeed>().IsListening);
        await (await client.PostAsync(path, body, idempotencyKey: Guid.NewGuid().ToString())).ExpectAsync(201);

        List<string> commands;
        using (var counter = new SqlCommandCounter(new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString).Database!, requests: true))
        {
            await (await client.PostAsync(path, body with { Label = "v2" }, idempotencyKey: Guid.NewGuid().ToString())).ExpectAsync(201);
            commands = [.. counter.Commands];
        }

        // The project with the caller's roles, the experiment with the dataset versions and the targets, the version with
        // its activity entry, the key with the response; then the commit. The token was read with its owner by the first
        // request and is remembered while the change feed listens.
        Assert.True(commands.Count == 4, string.Join("\n", commands.Select(c => c[..Math.Min(80, c.Length)])));
    }

    [Fact]
    public async Task A_pipeline_moves_a_task_with_the_etag_it_read_and_a_stale_or_missing_one_is_refused()
    {
        var board = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(board.Id, "Dee Engineer", ProjectRole.DataEngineer);
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(engineer));
        var found = Assert.Single((await client.GetJsonAsync($"/api/v1/projects/{board.Key}/tasks?title=data%20collection")).AsArray());
        var path = $"/api/v1/projects/{board.Key}/tasks/{found!["id"]}";
        var read = await client.GetAsync(path);
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal($"\"{found["version"]}\"", etag);

        var missing = await client.PostAsync($"{path}/move", new { move = "Start" });
        var moved = await client.PostAsync($"{path}/move", new { move = "Start" }, ifMatch: etag);
        var stale = await client.PostAsync($"{path}/move", new { move = "Block", reason = "Waiting for access" }, ifMatch: etag);
        var malformed = await client.PostAsync($"{path}/move", new { move = "Block", reason = "x" }, ifMatch: "42");

        await missing.ProblemAsync(428);
        var task = await moved.ExpectAsync(200);
        Assert.Equal("InProgress", task["status"]!.GetValue<string>());
        Assert.NotEqual(etag, moved.Headers.ETag!.Tag);
        Assert.Contains("Someone else changed this", (await stale.ProblemAsync(412))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("If-Match", (await malformed.ProblemAsync(400))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(ProjectTaskStatus.InProgress, (await app.TaskAsync(board.Key, "Data collection")).Status);
    }

    [Fact]
    public async Task Errors_are_problem_details_with_field_errors_for_bad_input()
    {
        var board = await app.CreateProjectAsync();
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));
        var outsider = await app.CreatePersonAsync("Olga Outsider");
        using var stranger = app.ApiClient(await app.CreatePersonalTokenAsync(outsider));
        var task = await app.TaskAsync(board.Key, "Model experimentation");

        var invalid = await client.PostAsync($"/api/v1/projects/{board.Key}/model-versions", ModelVersion(" ") with { Name = "" });
        var unknownProject = await client.GetAsync("/api/v1/projects/NOPE42");
        var unknownTask = await client.GetAsync($"/api/v1/projects/{board.Key}/tasks/{Guid.NewGuid()}");
        var unknownRoute = await client.GetAsync("/api/v1/nothing-here");
        var forbidden = await stranger.GetAsync($"/api/v1/projects/{board.Key}");
        var rule = await client.PostAsync($"/api/v1/projects/{board.Key}/tasks/{task.Id}/move", new { move = "Done" }, ifMatch: $"\"{task.Version}\"");
        var badCursor = await client.GetAsync("/api/v1/projects?cursor=%21%21");
        var badLimit = await client.GetAsync($"/api/v1/projects/{board.Key}/activity?limit=0");

        var errors = (await invalid.ProblemAsync(400))["errors"]!.AsObject();
        Assert.Contains("Name", errors.Select(e => e.Key));
        Assert.Contains("Label", errors.Select(e => e.Key));
        Assert.Contains("NOPE42", (await unknownProject.ProblemAsync(404))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await unknownTask.ProblemAsync(404);
        Assert.Equal(404, (await unknownRoute.ExpectAsync(404))["status"]!.GetValue<int>());
        Assert.Equal("application/problem+json", unknownRoute.Content.Headers.ContentType?.MediaType);
        await forbidden.ProblemAsync(403);
        await rule.ProblemAsync(409);
        Assert.Contains("cursor", (await badCursor.ProblemAsync(400))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("Limit", (await badLimit.ProblemAsync(400))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_response_and_registers_nothing_twice()
    {
        var board = await app.CreateProjectAsync();
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));
        var path = $"/api/v1/projects/{board.Key}/model-versions";
        var key = Guid.NewGuid().ToString();

        var first = await client.PostAsync(path, ModelVersion("v1"), idempotencyKey: key);
        var retry = await client.PostAsync(path, ModelVersion("v1"), idempotencyKey: key);
        var otherBody = await client.PostAsync(path, ModelVersion("v2"), idempotencyKey: key);
        var otherKey = await client.PostAsync(path, ModelVersion("v1"), idempotencyKey: Guid.NewGuid().ToString());

        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        await otherBody.ProblemAsync(422);
        // The same request under a new key is a new request: refused by the label's uniqueness, not replayed.
        Assert.Contains("Label", (await otherKey.ProblemAsync(400))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(1, await app.WithDbAsync(db => db.ModelVersions.CountAsync(m => m.ProjectId == board.Id && m.Name == "Churn model")));
    }

    [Fact]
    public async Task A_key_older_than_a_day_is_forgotten_and_serves_a_new_request()
    {
        var board = await app.CreateProjectAsync();
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));
        var path = $"/api/v1/projects/{board.Key}/model-versions";
        var key = Guid.NewGuid().ToString();
        await (await client.PostAsync(path, ModelVersion("v1"), idempotencyKey: key)).ExpectAsync(201);
        await app.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == key)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAt, DateTimeOffset.UtcNow.AddHours(-25))));

        var later = await client.PostAsync(path, ModelVersion("v2"), idempotencyKey: key);

        await later.ExpectAsync(201);
        Assert.False(later.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await app.WithDbAsync(db => db.ModelVersions.CountAsync(m => m.ProjectId == board.Id && m.Name == "Churn model")));
    }

    [Fact]
    public async Task Concurrent_duplicates_of_a_request_wait_for_the_first_and_replay_it()
    {
        var board = await app.CreateProjectAsync();
        var task = await app.TaskAsync(board.Key, "Data collection");
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));
        var key = Guid.NewGuid().ToString();
        var registerKey = Guid.NewGuid().ToString();

        var moves = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsync($"/api/v1/projects/{board.Key}/tasks/{task.Id}/move", new { move = "Start" }, ifMatch: $"\"{task.Version}\"", idempotencyKey: key)));
        var registrations = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsync($"/api/v1/projects/{board.Key}/model-versions", ModelVersion("v1"), idempotencyKey: registerKey)));

        Assert.All(moves, m => Assert.Equal(HttpStatusCode.OK, m.StatusCode));
        Assert.Single((await Task.WhenAll(moves.Select(m => m.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(5, moves.Count(m => m.Headers.Contains("Idempotent-Replayed")));
        // A replay carries the first answer's ETag too, so the caller's next If-Match needs no extra read.
        var etag = Assert.Single(moves.Select(m => m.Headers.ETag?.Tag).Distinct());
        Assert.Equal($"\"{(await app.TaskAsync(board.Key, "Data collection")).Version}\"", etag);
        Assert.All(registrations, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single((await Task.WhenAll(registrations.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.TaskId == task.Id && a.Kind == ActivityKind.TaskStatusChanged)));
        Assert.Equal(1, await app.WithDbAsync(db => db.ModelVersions.CountAsync(m => m.ProjectId == board.Id && m.Name == "Churn model")));
    }

    [Fact]
    public async Task A_refused_request_stores_nothing_so_its_retry_runs_again()
    {
        var board = await app.CreateProjectAsync();
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));
        var datasets = $"/api/v1/projects/{board.Key}/datasets";
        var key = Guid.NewGuid().ToString();
        var body = new { name = "raw_events", layer = "Bronze", purpose = "Source" };
        await (await client.PostAsync(datasets, body)).ExpectAsync(201);

        var refused = await client.PostAsync(datasets, body, idempotencyKey: key);
        await app.WithDbAsync(db => db.Datasets.Where(d => d.ProjectId == board.Id && d.Name == "raw_events").ExecuteDeleteAsync());
        var retried = await client.PostAsync(datasets, body, idempotencyKey: key);

        await refused.ProblemAsync(400);
        await retried.ExpectAsync(201);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Datasets_and_versions_are_registered_with_lineage_and_quality_and_quality_is_recorded_with_if_match()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var engineer = await app.CreateMemberAsync(board.Id, "Lin Lineage", ProjectRole.DataEngineer);
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(engineer));
        var project = $"/api/v1/projects/{board.Key}";

        var raw = (await (await client.PostAsync($"{project}/datasets", new { name = "events_raw", layer = "Bronze", purpose = "Source" })).ExpectAsync(201))["id"]!.GetValue<Guid>();
        var clean = (await (await client.PostAsync($"{project}/datasets", new { name = "events_clean", layer = "Silver", purpose = "Curated" })).ExpectAsync(201))["id"]!.GetValue<Guid>();
        var rawV1 = (await (await client.PostAsync($"{project}/datasets/{raw}/versions", new { label = "v1", location = "s3://lake/raw/v1", rows = 1000 })).ExpectAsync(201))["id"]!.GetValue<Guid>();
        var cleanV1 = await client.PostAsync($"{project}/datasets/{clean}/versions", new
        {
            label = "v1",
            location = "s3://lake/clean/v1",
            format = "Parquet",
            derivedFrom = new[] { rawV1 },
            quality = new { checks = new[] { new { name = "no null ids", passed = true, failingRows = 0 } }, piiRemoved = true, piiMethod = "hashed e-mails", accessGrantedTo = new[] { "DataScientist" } },
        });

        var versionPath = (await cleanV1.ExpectAsync(201)) is not null ? cleanV1.Headers.Location!.OriginalString : "";
        var read = await client.GetAsync(versionPath);
        var version = await read.ExpectAsync(200);
        Assert.Equal([rawV1], version["parentIds"]!.AsArray().Select(p => p!.GetValue<Guid>()));
        Assert.True(version["isGoverned"]!.GetValue<bool>());
        var recorded = await client.SendAsync(HttpMethod.Put, $"{versionPath}/quality", new { checks = new[] { new { name = "no null ids", passed = false, failingRows = 3 } } }, ifMatch: read.Headers.ETag!.Tag);
        var stale = await client.SendAsync(HttpMethod.Put, $"{versionPath}/quality", new { checks = Array.Empty<object>() }, ifMatch: read.Headers.ETag.Tag);
        Assert.False((await recorded.ExpectAsync(200))["isGoverned"]!.GetValue<bool>());
        await stale.ProblemAsync(412);
        var listed = await client.GetJsonAsync($"{project}/datasets/{clean}/versions");
        Assert.Equal(["events_raw v1"], listed[0]!["parents"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task Gates_show_their_state_and_the_evidence_behind_each_automatic_criterion()
    {
        var board = await app.CreateProjectAsync();
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));

        var gates = await client.GetJsonAsync($"/api/v1/projects/{board.Key}/gates");
        var data = await client.GetJsonAsync($"/api/v1/projects/{board.Key}/gates/DataDevelopment");

        Assert.Equal(4, gates.AsArray().Count);
        Assert.Equal("Locked", gates[0]!["state"]!.GetValue<string>());
        Assert.NotEmpty(data["automatic"]!.AsArray());
        Assert.All(data["automatic"]!.AsArray(), c => Assert.True(c!["isMet"]!.GetValue<bool>()));
        Assert.All(data["automatic"]!.AsArray(), c => Assert.NotEmpty(c!["evidence"]!.AsArray()));
        await (await client.GetAsync($"/api/v1/projects/{board.Key}/gates/NoSuchPhase")).ExpectAsync(400);
    }

    [Fact]
    public async Task Walking_the_project_list_page_by_page_sees_every_project_once_while_projects_are_added()
    {
        var lead = await app.CreatePersonAsync("Paula Pager", Domain.People.SystemRole.TeamLead);
        var existing = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            existing.Add((await app.SendAsync(new Application.Projects.Commands.CreateProject.CreateProjectCommand { Name = $"Paged {i}", Key = Keys.Next("P"), TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90) }, lead)).Key);
        }

        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(lead));
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/projects?limit=3{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page["items"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
            // Someone adds a project between pages, one sorting before and one after the walk's position.
            await app.SendAsync(new Application.Projects.Commands.CreateProject.CreateProjectCommand { Name = "Meanwhile", Key = Keys.Next(pages % 2 == 0 ? "A" : "Z"), TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90) }, lead);
        }
        while (cursor is not null && pages < 50);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.True(existing.All(seen.Contains), $"Seen: {string.Join(", ", seen)}; existing: {string.Join(", ", existing)}");
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.True(pages >= 3, $"The walk took {pages} pages.");
    }

    [Fact]
    public async Task Walking_the_activity_log_page_by_page_sees_every_entry_once_while_entries_are_added()
    {
        var board = await app.CreateProjectAsync();
        var task = await app.TaskAsync(board.Key, "Data collection");
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));
        var existing = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id).Select(a => a.Id).ToListAsync());
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/projects/{board.Key}/activity?limit=4{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page["items"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
            await app.SendAsync(new SetChecklistItemCommand(task.Id, 1, Done: pages % 2 == 1));
        }
        while (cursor is not null && pages < 100);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(existing.Order(), seen.Order());
        Assert.True(pages >= 3, $"The walk took {pages} pages.");
    }

    private static Request ModelVersion(string label) => new("Churn model", label, "Nightly run", [new("recall", "Test", 0.91), new("precision", "Test", 0.7)]);

    private sealed record Metric(string Name, string Split, double Value);

    private sealed record Request(string Name, string Label, string Experiment, IReadOnlyList<Metric> Metrics)
    {
        public IReadOnlyList<Guid> TrainedOn { get; init; } = [];

        public IReadOnlyList<Guid> EvaluatedOn { get; init; } = [];
    }
}

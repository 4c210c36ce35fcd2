using System.Globalization;
using System.Text.Json.Nodes;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Web.Tests;

/// <summary>A project's settings over the API: the lead's changes with If-Match, and every refusal as its problem.</summary>
public sealed class ProjectSettingsApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_lead_edits_replans_pauses_and_resumes_a_project_with_the_etags_it_read_and_the_activity_shows_each_change()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        using var lead = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead, name: "planning script"));
        var path = $"/api/v1/projects/{board.Key}";
        var read = await lead.GetAsync($"{path}/settings");
        var settings = await read.ExpectAsync(200);
        Assert.Equal($"\"{settings["version"]}\"", read.Headers.ETag!.Tag);
        Assert.True(settings["canPutOnHold"]!.GetValue<bool>());
        var target = DateOnly.Parse(settings["targetDate"]!.GetValue<string>(), CultureInfo.InvariantCulture).AddDays(14);
        var date = target.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var edited = await lead.SendAsync(HttpMethod.Patch, path, new { name = "Churn prediction" }, ifMatch: read.Headers.ETag.Tag);
        var preview = await lead.GetJsonAsync($"{path}/replan-preview?targetDate={date}");
        var replanned = await lead.PostAsync($"{path}/replan", new { targetDate = date, reason = "Data arrives late" }, ifMatch: edited.Headers.ETag!.Tag);
        var paused = await lead.PostAsync($"{path}/hold", new { reason = "Waiting for the data contract" }, ifMatch: replanned.Headers.ETag!.Tag, idempotencyKey: Guid.NewGuid().ToString());
        var resumed = await lead.SendAsync(HttpMethod.Post, $"{path}/resume", ifMatch: paused.Headers.ETag!.Tag);

        Assert.Equal("Churn prediction", (await edited.ExpectAsync(200))["name"]!.GetValue<string>());
        Assert.Equal(settings["objective"]!.GetValue<string>(), (await edited.ExpectAsync(200))["objective"]!.GetValue<string>());
        Assert.Equal(14, preview["days"]!.GetValue<int>());
        Assert.NotEmpty(preview["shifts"]!.AsArray());
        Assert.Equal(date, (await replanned.ExpectAsync(200))["targetDate"]!.GetValue<string>());
        var onHold = await paused.ExpectAsync(200);
        Assert.Equal(("OnHold", "Waiting for the data contract"), (onHold["status"]!.GetValue<string>(), onHold["statusReason"]!.GetValue<string>()));
        Assert.InRange(onHold["statusSince"]!.GetValue<DateTimeOffset>(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.True(onHold["canResume"]!.GetValue<bool>());
        Assert.Equal("Active", (await resumed.ExpectAsync(200))["status"]!.GetValue<string>());
        var activity = (await lead.GetJsonAsync($"{path}/activity?limit=10"))["items"]!.AsArray();
        Assert.Equal(
            ["ProjectResumed", "ProjectPutOnHold", "ProjectReplanned", "ProjectEdited"],
            activity.Select(a => a!["kind"]!.GetValue<string>()).Take(4));
        Assert.All(activity.Take(4), a => Assert.Equal($"via token planning script of {app.Lead.Name}", a!["actorName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_lead_cancels_a_project_with_the_reason_and_it_takes_no_more_changes()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        using var lead = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));
        var path = $"/api/v1/projects/{board.Key}";
        var etag = (await lead.GetAsync($"{path}/settings")).Headers.ETag!.Tag;

        var cancelled = await lead.PostAsync($"{path}/cancel", new { reason = "The business case fell away" }, ifMatch: etag);
        var renamed = await lead.SendAsync(HttpMethod.Patch, path, new { name = "Revived" }, ifMatch: cancelled.Headers.ETag!.Tag);

        var settings = await cancelled.ExpectAsync(200);
        Assert.Equal(("Cancelled", "The business case fell away"), (settings["status"]!.GetValue<string>(), settings["statusReason"]!.GetValue<string>()));
        Assert.False(settings["canEdit"]!.GetValue<bool>());
        await renamed.ProblemAsync(409);
        var saved = await app.WithDbAsync(db => db.Projects.SingleAsync(p => p.Id == board.Id));
        Assert.Equal((ProjectStatus.Cancelled, "Customer churn"), (saved.Status, saved.Name));
    }

    [Fact]
    public async Task A_data_scientist_reads_the_settings_but_every_change_and_the_preview_are_refused_403_and_nothing_changes()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var scientist = await app.CreateMemberAsync(board.Id, "Sid Scientist", ProjectRole.DataScientist);
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(scientist));
        var path = $"/api/v1/projects/{board.Key}";
        var read = await client.GetAsync($"{path}/settings");
        var settings = await read.ExpectAsync(200);
        var etag = read.Headers.ETag!.Tag;
        var date = DateTime.UtcNow.AddMonths(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.False(settings["canCancel"]!.GetValue<bool>());
        await (await client.SendAsync(HttpMethod.Patch, path, new { name = "Mine now" }, ifMatch: etag)).ProblemAsync(403);
        await (await client.GetAsync($"{path}/replan-preview?targetDate={date}")).ProblemAsync(403);
        await (await client.PostAsync($"{path}/replan", new { targetDate = date }, ifMatch: etag)).ProblemAsync(403);
        await (await client.PostAsync($"{path}/hold", new { reason = "Why not" }, ifMatch: etag)).ProblemAsync(403);
        await (await client.SendAsync(HttpMethod.Post, $"{path}/resume", ifMatch: etag)).ProblemAsync(403);
        await (await client.PostAsync($"{path}/cancel", new { reason = "Why not" }, ifMatch: etag)).ProblemAsync(403);
        Assert.Equal(settings["version"]!.GetValue<uint>(), (await client.GetJsonAsync($"{path}/settings"))["version"]!.GetValue<uint>());
    }

    [Fact]
    public async Task A_stale_etag_gets_412_a_missing_one_428_and_nothing_changes()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        using var lead = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));
        var path = $"/api/v1/projects/{board.Key}";
        var stale = (await lead.GetAsync($"{path}/settings")).Headers.ETag!.Tag;
        await (await lead.SendAsync(HttpMethod.Patch, path, new { objective = "Keep customers" }, ifMatch: stale)).ExpectAsync(200);

        var late = await lead.PostAsync($"{path}/hold", new { reason = "Budget review" }, ifMatch: stale);
        var missing = await lead.PostAsync($"{path}/cancel", new { reason = "Budget review" });

        Assert.Contains("Someone else changed this", (await late.ProblemAsync(412))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await missing.ProblemAsync(428);
        Assert.Equal("Active", (await lead.GetJsonAsync($"{path}/settings"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_gets_400_naming_the_field()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        using var lead = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));
        var path = $"/api/v1/projects/{board.Key}";
        var etag = (await lead.GetAsync($"{path}/settings")).Headers.ETag!.Tag;

        var longName = await lead.SendAsync(HttpMethod.Patch, path, new { name = new string('x', Limits.ProjectName + 1) }, ifMatch: etag);
        var noDate = await lead.PostAsync($"{path}/replan", new { reason = "Later" }, ifMatch: etag);
        var pastPreview = await lead.GetAsync($"{path}/replan-preview?targetDate=2001-01-01");
        var noReason = await lead.PostAsync($"{path}/hold", new { reason = " " }, ifMatch: etag);

        Assert.Equal(["Name"], await FieldsAsync(longName));
        Assert.Equal(["TargetDate"], await FieldsAsync(noDate));
        Assert.Equal(["TargetDate"], await FieldsAsync(pastPreview));
        Assert.Equal(["Reason"], await FieldsAsync(noReason));
        Assert.Equal(etag, (await lead.GetAsync($"{path}/settings")).Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Without_a_token_every_settings_endpoint_answers_401()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        using var anonymous = app.CreateClient();
        var path = $"/api/v1/projects/{board.Key}";

        await (await anonymous.GetAsync($"{path}/settings")).ProblemAsync(401);
        await (await anonymous.SendAsync(HttpMethod.Patch, path, new { name = "x" }, ifMatch: "\"1\"")).ProblemAsync(401);
        await (await anonymous.PostAsync($"{path}/cancel", new { reason = "x" }, ifMatch: "\"1\"")).ProblemAsync(401);
    }

    private static async Task<IEnumerable<string>> FieldsAsync(HttpResponseMessage response) =>
        ((JsonObject)(await response.ProblemAsync(400))["errors"]!).Select(e => e.Key);
}

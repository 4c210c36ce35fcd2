using System.Net.Http.Headers;

namespace DsProcess.Web.Tests;

/// <summary>The database goes away under an app instance (reached through a relay the test cuts): the API says 503 and when to retry.</summary>
public sealed class ApiOutageTests(AppFixture other) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private TcpRelay? _relay;
    private DsProcessApp? _app;

    public ValueTask InitializeAsync()
    {
        _relay = TcpRelay.StartFor(other.ConnectionString);
        _app = new DsProcessApp(_relay.Through(other.ConnectionString));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
    }

    [Fact]
    public async Task During_an_outage_reads_and_changes_get_a_503_problem_with_retry_after_and_work_again_after()
    {
        var board = await other.CreateProjectAsync();
        using var client = _app!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await other.CreatePersonalTokenAsync(other.Lead));
        await (await client.GetAsync($"/api/v1/projects/{board.Key}")).ExpectAsync(200);

        _relay!.Cut();
        var read = await client.GetAsync($"/api/v1/projects/{board.Key}");
        var change = await client.PostAsync($"/api/v1/projects/{board.Key}/datasets", new { name = "raw", layer = "Bronze", purpose = "Source" }, idempotencyKey: "outage-1");

        Assert.Contains("unavailable", (await read.ProblemAsync(503))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await change.ProblemAsync(503);
        Assert.Equal("10", read.Headers.GetValues("Retry-After").Single());
        _relay.Restore();
        await (await client.PostAsync($"/api/v1/projects/{board.Key}/datasets", new { name = "raw", layer = "Bronze", purpose = "Source" }, idempotencyKey: "outage-1")).ExpectAsync(201);
    }
}

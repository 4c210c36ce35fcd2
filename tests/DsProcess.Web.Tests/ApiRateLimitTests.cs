using System.Globalization;

namespace DsProcess.Web.Tests;

/// <summary>The API's rate limit counts per token: a caller over it gets 429 with Retry-After while others go on.</summary>
public sealed class ApiRateLimitTests : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["DsProcess:Api:RateLimit:PermitLimit"] = "3",
        ["DsProcess:Api:RateLimit:Window"] = "01:00:00",
    };

    [Fact]
    public async Task A_token_over_its_limit_gets_429_with_retry_after_and_another_token_of_the_same_person_is_not_affected()
    {
        using var busy = this.ApiClient(await this.CreatePersonalTokenAsync(Lead));
        using var other = this.ApiClient(await this.CreatePersonalTokenAsync(Lead));

        for (var i = 0; i < 3; i++)
        {
            await (await busy.GetAsync("/api/v1/projects")).ExpectAsync(200);
        }

        var refused = await busy.GetAsync("/api/v1/projects");
        var refusedPost = await busy.PostAsync("/api/v1/projects/NOPE/datasets", new { name = "x" });
        var fine = await other.GetAsync("/api/v1/projects");

        await refused.ProblemAsync(429);
        await refusedPost.ProblemAsync(429);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        await fine.ExpectAsync(200);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Web.Tests;

/// <summary>What the browser is told (headers, cookie flags), directly and behind a reverse proxy.</summary>
public sealed class HeaderAndCookieTests(ServedAppFixture app) : IClassFixture<ServedAppFixture>
{
    private const string PublicHost = "dsprocess.example";

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/my-work")]
    [InlineData("/no-such-page")]
    public async Task Pages_carry_one_content_security_policy_that_starts_with_frame_ancestors_self(string path)
    {
        using var client = new AccountClient(app.BaseAddress);
        await client.SignInAsync(app.Lead.Email, AppFixture.Password);

        var response = await client.GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(
            "frame-ancestors 'self'; default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
            policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("<script type=\"importmap\"", await AccountClient.ReadAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_responses_are_not_sniffed_either()
    {
        using var client = new AccountClient(app.BaseAddress);

        var response = await client.GetAsync("/health");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Under_https_forwarded_by_a_known_proxy_cookies_are_secure_and_hsts_is_sent()
    {
        using var client = new AccountClient(app.BaseAddress, AccountClient.NewAddress(), https: true, host: PublicHost);

        var page = await client.GetAsync("/Account/Login");
        var signedIn = await client.SignInAsync(app.Lead.Email, AppFixture.Password);

        Assert.StartsWith("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal(["httponly", "samesite=strict", "secure"], FlagsOf(page, ".AspNetCore.Antiforgery."));
        Assert.True(signedIn.IsRedirect());
        Assert.Equal(["httponly", "samesite=lax", "secure"], FlagsOf(signedIn, ".AspNetCore.Identity.Application"));
    }

    [Fact]
    public async Task Over_plain_http_cookies_are_http_only_and_same_site_but_not_secure_and_there_is_no_hsts()
    {
        using var client = new AccountClient(app.BaseAddress, AccountClient.NewAddress(), host: PublicHost);

        var page = await client.GetAsync("/Account/Login");
        var signedIn = await client.SignInAsync(app.Lead.Email, AppFixture.Password);

        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(["httponly", "samesite=strict"], FlagsOf(page, ".AspNetCore.Antiforgery."));
        Assert.Equal(["httponly", "samesite=lax"], FlagsOf(signedIn, ".AspNetCore.Identity.Application"));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        // The same app, told that its only proxy is elsewhere: loopback (where the test connects from) is no longer believed.
        await using var elsewhere = new DsProcessApp(app.ConnectionString, serveOverHttp: true, new Dictionary<string, string?>
        {
            ["DsProcess:Proxy:KnownProxies:0"] = "192.0.2.10",
            ["DsProcess:Auth:AttemptsPerAddress"] = "2",
        });
        using var first = new AccountClient(elsewhere.BaseAddress, AccountClient.NewAddress(), https: true, host: PublicHost);
        using var second = new AccountClient(elsewhere.BaseAddress, AccountClient.NewAddress(), https: true, host: PublicHost);

        var page = await first.GetAsync("/Account/Login");
        var signedIn = await first.SignInAsync(app.Lead.Email, AppFixture.Password);

        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", FlagsOf(signedIn, ".AspNetCore.Identity.Application"));

        // Both claim different client addresses, but both are the one real connection's: one budget.
        Assert.Equal(HttpStatusCode.OK, (await second.SignInAsync("nobody@test.local", "a-guess")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await second.SignInAsync("nobody@test.local", "a-guess")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_without_a_valid_antiforgery_token_is_refused_and_signs_nobody_out()
    {
        using var client = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        await client.SignInAsync(app.Lead.Email, AppFixture.Password);
        var stamp = await StampAsync();

        var withoutToken = await client.PostAsync("/Account/Logout", new Dictionary<string, string>());
        var forgedToken = await client.PostAsync("/Account/Logout", new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged" });

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedToken.StatusCode);
        Assert.Equal(stamp, await StampAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my-work")).StatusCode);

        var signedOut = await client.SignOutAsync();

        Assert.Equal("/Account/Login", signedOut.Location());
        Assert.NotEqual(stamp, await StampAsync());
    }

    private Task<string?> StampAsync() =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == app.Lead.Id).Select(u => u.SecurityStamp).SingleAsync());

    /// <summary>The attributes of the cookie a response sets, after its name and value (lower case, sorted, path and expiry left out).</summary>
    private static string[] FlagsOf(HttpResponseMessage response, string cookiePrefix) =>
        response.SetCookies().Single(c => c.StartsWith(cookiePrefix, StringComparison.Ordinal))
            .Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())
            .Where(a => !a.StartsWith("path=", StringComparison.Ordinal) && !a.StartsWith("expires=", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
}

using System.Diagnostics;
using System.Net;
using DsProcess.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Web.Tests;

/// <summary>The app with small sign-in limits, open for self-registration.</summary>
public sealed class ThrottledAppFixture : AppFixture
{
    public const int AttemptsPerAccount = 6;
    public const int AttemptsPerAddress = 10;

    protected override bool ServeOverHttp => true;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["DsProcess:Auth:AttemptsPerAccount"] = AttemptsPerAccount.ToString(),
        ["DsProcess:Auth:AttemptsPerAddress"] = AttemptsPerAddress.ToString(),
        ["DsProcess:Auth:AttemptWindow"] = "01:00:00",
        ["DsProcess:Auth:AllowSelfRegistration"] = "true",
    };
}

/// <summary>Guessing passwords, mass registration and stolen sessions, tried over HTTP against the real account pages.</summary>
public sealed class SignInAbuseTests(ThrottledAppFixture app) : IClassFixture<ThrottledAppFixture>
{
    private const string SignInCookie = ".AspNetCore.Identity.Application";

    [Fact]
    public async Task Sign_ins_for_one_account_beyond_its_limit_get_429_and_a_page_that_says_when_to_try_again()
    {
        var account = $"guess.{Guid.NewGuid():N}@test.local";
        using var attacker = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        for (var i = 0; i < ThrottledAppFixture.AttemptsPerAccount; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await attacker.SignInAsync(account, $"guess-{i}")).StatusCode);
        }

        using var elsewhere = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        var refused = await elsewhere.SignInAsync(account, "another-guess");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        var page = await AccountClient.ReadAsync(refused);
        Assert.Contains("<h1 class=\"account-title\">Too many attempts</h1>", page, StringComparison.Ordinal);
        Assert.Contains($"Try again in {(retryAfter + 59) / 60} minutes.", page, StringComparison.Ordinal);
        Assert.StartsWith("frame-ancestors 'self';", refused.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // The address that guessed still serves its other accounts: the account's budget is its own.
        var other = await attacker.SignInAsync($"other.{Guid.NewGuid():N}@test.local", "a-guess");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("Wrong e-mail or password.", await AccountClient.ReadAsync(other), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_ins_from_one_address_beyond_its_limit_are_refused_for_every_account_while_other_addresses_go_on()
    {
        using var sprayer = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        for (var i = 0; i < ThrottledAppFixture.AttemptsPerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await sprayer.SignInAsync($"spray{i}.{Guid.NewGuid():N}@test.local", "Password-1")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await sprayer.SignInAsync(app.Lead.Email, AppFixture.Password)).StatusCode);

        // Opening a page is not an attempt, and another address has its own budget.
        Assert.Equal(HttpStatusCode.OK, (await sprayer.GetAsync("/Account/Login")).StatusCode);
        using var colleague = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        Assert.True((await colleague.SignInAsync(app.Lead.Email, AppFixture.Password)).IsRedirect());
        Assert.True(colleague.HasCookie(SignInCookie));
    }

    [Fact]
    public async Task Addresses_of_one_ipv6_network_share_a_budget()
    {
        // One IPv6 host can use any address of its /64; a new address there is not a new budget.
        var network = NewIpv6Network();
        for (var i = 1; i <= ThrottledAppFixture.AttemptsPerAddress; i++)
        {
            using var hopper = new AccountClient(app.BaseAddress, $"{network}::{i:x}");
            Assert.Equal(HttpStatusCode.OK, (await hopper.SignInAsync($"hop{i}.{Guid.NewGuid():N}@test.local", "Password-1")).StatusCode);
        }

        using var sameNetwork = new AccountClient(app.BaseAddress, $"{network}:1:2:3:4");
        using var otherNetwork = new AccountClient(app.BaseAddress, $"{NewIpv6Network()}::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameNetwork.SignInAsync($"hop.{Guid.NewGuid():N}@test.local", "Password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherNetwork.SignInAsync($"hop.{Guid.NewGuid():N}@test.local", "Password-1")).StatusCode);
    }

    [Fact]
    public async Task Registrations_from_one_address_are_limited_too()
    {
        using var registrar = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        for (var i = 0; i < ThrottledAppFixture.AttemptsPerAddress; i++)
        {
            Assert.True((await registrar.RegisterAsync("Mass Account", $"mass{i}.{Guid.NewGuid():N}@test.local", AppFixture.Password)).IsRedirect());
        }

        var refused = await registrar.RegisterAsync("Mass Account", $"mass.{Guid.NewGuid():N}@test.local", AppFixture.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Password_changes_share_the_accounts_budget_with_its_sign_ins()
    {
        var person = await app.CreatePersonAsync("Pat Changer");
        using var session = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        Assert.True((await session.SignInAsync(person.Email, AppFixture.Password)).IsRedirect());

        // Guessing the current password through the change form: the sign-in took the first attempt.
        for (var i = 1; i < ThrottledAppFixture.AttemptsPerAccount; i++)
        {
            var wrong = await session.ChangePasswordAsync($"guess-{i}", "New-pass-2026!");
            Assert.Contains("Incorrect password.", await AccountClient.ReadAsync(wrong), StringComparison.Ordinal);
        }

        var refused = await session.ChangePasswordAsync(AppFixture.Password, "New-pass-2026!");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var again = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await again.SignInAsync(person.Email, AppFixture.Password)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_and_then_the_right_one_is_refused_too()
    {
        var person = await app.CreatePersonAsync("Lou Locked");
        using var browser = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        for (var i = 1; i < 5; i++)
        {
            var wrong = await browser.SignInAsync(person.Email, $"wrong-{i}");
            Assert.Contains("Wrong e-mail or password.", await AccountClient.ReadAsync(wrong), StringComparison.Ordinal);
        }

        var fifth = await browser.SignInAsync(person.Email, "wrong-5");
        var right = await browser.SignInAsync(person.Email, AppFixture.Password);

        Assert.Equal("/Account/Lockout", fifth.Location());
        Assert.Equal("/Account/Lockout", right.Location());
        Assert.False(browser.HasCookie(SignInCookie));
        Assert.Contains("You cannot sign in right now", await AccountClient.ReadAsync(await browser.GetAsync("/Account/Lockout")), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var lockoutEnd = await users.GetLockoutEndDateAsync((await users.FindByIdAsync(person.Id.ToString()))!);
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Signing_out_ends_the_same_users_sessions_in_other_browsers()
    {
        var person = await app.CreatePersonAsync("Sam Twice");
        using var laptop = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        using var phone = new AccountClient(app.BaseAddress, AccountClient.NewAddress());
        await laptop.SignInAsync(person.Email, AppFixture.Password);
        await phone.SignInAsync(person.Email, AppFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/my-work")).StatusCode);
        var phoneSignOut = await phone.OpenSignOutFormAsync();

        var signedOut = await laptop.SignOutAsync();
        var since = Stopwatch.StartNew();

        Assert.Equal("/Account/Login", signedOut.Location());
        Assert.False(laptop.HasCookie(SignInCookie));

        // The other browser's cookie re-checks its security stamp every 2 seconds in tests; from then on it is refused.
        var next = await UntilAsync(() => phone.GetAsync("/my-work"), r => r.IsRedirect());
        Assert.StartsWith("/Account/Login?", next.Location(), StringComparison.Ordinal);
        Assert.False(phone.HasCookie(SignInCookie));
        Measurements.Record("other session refused after sign-out (revalidation 2 s)", since.Elapsed.TotalMilliseconds, "ms");

        // Its sign-out button, pressed late, leads to the sign-in page rather than an error.
        Assert.Equal("/Account/Login", (await phone.PostAsync("/Account/Logout", phoneSignOut)).Location());
    }

    /// <summary>The first four groups of a random /64 in the documentation range.</summary>
    private static string NewIpv6Network() => $"2001:db8:{Random.Shared.Next(1, 0x10000):x}:{Random.Shared.Next(1, 0x10000):x}";

    /// <summary>Repeats a request until its response matches, failing after 10 seconds.</summary>
    private static async Task<HttpResponseMessage> UntilAsync(Func<Task<HttpResponseMessage>> request, Func<HttpResponseMessage, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var response = await request();
            if (match(response))
            {
                return response;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}

using DsProcess.Domain.People;
using DsProcess.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>The app served beside a real OpenID Connect provider started for the test, company sign-in configured.</summary>
public sealed class CompanySignInAppFixture : AppFixture
{
    public TestIdentityProvider Provider { get; } = TestIdentityProvider.Start();

    /// <summary>The settings as the app read them at start; a test changes them in place and puts them back.</summary>
    public AuthOptions Auth => Services.GetRequiredService<IOptions<AuthOptions>>().Value;

    protected override bool ServeOverHttp => true;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["DsProcess:Auth:Oidc:Authority"] = Provider.Address.ToString(),
        ["DsProcess:Auth:Oidc:ClientId"] = TestIdentityProvider.ClientId,
        ["DsProcess:Auth:Oidc:ClientSecret"] = TestIdentityProvider.ClientSecret,
        ["DsProcess:Auth:Oidc:DisplayName"] = "Acme account",
        ["DsProcess:Auth:Oidc:RequireHttpsMetadata"] = "false",
        ["DsProcess:Auth:Oidc:TeamLeadGroups:0"] = "ds-leads",
        ["DsProcess:Auth:Oidc:AllowUnknownPeople"] = "false",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>Sign-in with the company's identity provider, end to end in Chromium (authorization code with PKCE).</summary>
public sealed class CompanySignInBrowserTests(CompanySignInAppFixture app, Browser browser) : BrowserTests<CompanySignInAppFixture>(app, browser)
{
    [Fact]
    public async Task A_newcomer_signs_in_with_the_company_account_once_unknown_people_may_enter()
    {
        App.Provider.User = new ProviderUser("acme-1001", "nina.newcomer@acme.test", "Nina Newcomer", "ds-leads", "everyone");
        var page = await OpenAsync(Browser.Wide);

        // Unknown people are refused until the setting lets them in.
        await SignInWithCompanyAsync(page);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your company account has no DsProcess account yet.");
        await Browser.ScreenshotAsync(page, "company-sign-in-refused-wide");

        App.Auth.Oidc.AllowUnknownPeople = true;
        try
        {
            await SignInWithCompanyAsync(page);
            await Expect(page.GetByTestId("user-menu")).ToContainTextAsync("Nina Newcomer");
        }
        finally
        {
            App.Auth.Oidc.AllowUnknownPeople = false;
        }

        var person = await App.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Email == "nina.newcomer@acme.test"));
        Assert.Equal(("Nina Newcomer", SystemRole.TeamLead), (person.DisplayName, person.SystemRole));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_company_account_links_to_the_account_with_its_email_and_local_sign_in_can_be_switched_off()
    {
        var local = await App.CreatePersonAsync("Lars Local");
        App.Provider.User = new ProviderUser("acme-2002", local.Email.ToUpperInvariant(), "Lars L. (Acme)");
        var page = await OpenAsync(Browser.Narrow);

        await SignInWithCompanyAsync(page, "/projects");

        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "/projects").ToString());
        Assert.Equal(SystemRole.Member, await App.WithDbAsync(db => db.People.Where(p => p.Id == local.Id).Select(p => p.SystemRole).SingleAsync()));
        Assert.Equal(1, await App.WithDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == local.Id && l.ProviderKey == "acme-2002")));

        App.Auth.LocalSignIn = false;
        try
        {
            var signedOut = await OpenAsync(Browser.Narrow);
            await signedOut.GotoAsync("/Account/Login");
            await Expect(signedOut.GetByRole(AriaRole.Button, new() { Name = "Sign in with Acme account" })).ToBeVisibleAsync();
            await Expect(signedOut.GetByLabel("Password")).ToHaveCountAsync(0);
            await Browser.ScreenshotAsync(signedOut, "company-sign-in-only-narrow");
        }
        finally
        {
            App.Auth.LocalSignIn = true;
        }
    }

    private static async Task SignInWithCompanyAsync(IPage page, string returnUrl = "/")
    {
        await page.GotoAsync($"/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Acme account" }).ClickAsync();
    }
}

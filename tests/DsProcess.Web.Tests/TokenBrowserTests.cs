using DsProcess.Application.Tokens;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class TokenBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task A_person_makes_a_token_sees_its_secret_once_and_revokes_it()
    {
        var person = await App.CreatePersonAsync("Tom Tokens");
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, person, "/profile");
        await Expect(page.GetByTestId("no-tokens")).ToBeVisibleAsync();

        await page.GetByTestId("new-token").ClickAsync();
        await page.GetByTestId("token-create").ClickAsync();
        await Expect(page.GetByText("Name the token after what will use it")).ToBeVisibleAsync();
        await page.GetByTestId("token-name").FillAsync("training pipeline");
        await page.GetByTestId("token-create").ClickAsync();

        var secret = page.GetByTestId("token-secret");
        await Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^dsp_[A-Za-z0-9_-]{40,}$"));
        var shown = await secret.InputValueAsync();
        await Browser.ScreenshotAsync(page, "token-secret-wide");
        await page.GetByTestId("token-done").ClickAsync();

        var row = page.GetByTestId("token-table").Locator("tr").Filter(new() { HasText = "training pipeline" });
        await Expect(row).ToContainTextAsync("Read and write");
        await Expect(row).ToContainTextAsync("Never");
        await Expect(row).ToContainTextAsync(shown[..10]);
        await Expect(page.GetByText(shown)).ToHaveCountAsync(0);
        var stored = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ApiTokens, t => t.PersonId == person.Id));
        Assert.Equal(TokenSecrets.Hash(shown), stored.SecretHash);

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke training pipeline" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();

        await Expect(row).ToContainTextAsync("Revoked");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, person, "/profile");
        await Expect(phone.GetByText("training pipeline")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "tokens-narrow");
    }

    [Fact]
    public async Task A_team_lead_makes_a_service_token_for_a_pipeline_on_the_integrations_page()
    {
        var board = await App.CreateProjectAsync(name: "Churn pipeline");
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, $"/projects/{board.Key}/integrations");
        var panel = page.GetByTestId("service-tokens");
        await Expect(panel.GetByTestId("no-tokens")).ToBeVisibleAsync();

        await panel.GetByTestId("new-service-token").ClickAsync();
        await page.GetByTestId("token-name").FillAsync("training pipeline");
        await page.GetByTestId("token-create").ClickAsync();
        var secret = await page.GetByTestId("token-secret").InputValueAsync();
        await page.GetByTestId("token-done").ClickAsync();

        var row = panel.Locator("tr").Filter(new() { HasText = "training pipeline" });
        await Expect(row).ToContainTextAsync("Read and write, as Data scientist");
        await Expect(row).ToContainTextAsync("Lea Lead");
        var summary = Assert.Single(await App.SendAsync(new Application.Tokens.Queries.ProjectServiceTokens.ProjectServiceTokensQuery(board.Id)));
        Assert.Equal((Domain.Projects.ProjectRole.DataScientist, "training pipeline"), (summary.Role, summary.Name));
        Assert.StartsWith(summary.Prefix, secret, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "integrations-wide");
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DsProcess.Domain.Projects;
using DsProcess.Domain.Webhooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed partial class WebhookBrowserTests(WebhookServedAppFixture app, Browser browser) : BrowserTests<WebhookServedAppFixture>(app, browser), IAsyncLifetime
{
    private static readonly ViewportSize Wide = new() { Width = 1400, Height = 900 };

    private WebhookReceiver _receiver = default!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task The_lead_adds_a_webhook_sees_its_secret_once_and_follows_its_deliveries_in_the_log_and_redelivers()
    {
        var board = await App.CreateProjectAsync(name: "Churn hooks", withEvidence: false);
        var engineer = await App.CreateMemberAsync(board.Id, "Dan Engineer", ProjectRole.DataEngineer);
        var page = await OpenAsync(Wide);
        await Browser.SignInAsync(page, App.Lead, $"/projects/{board.Key}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Integrations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Churn hooks: integrations" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("no-webhooks")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("delivery-log")).ToContainTextAsync("Nothing sent yet");

        // A bad address is refused on its field; the dialog stays open with what was typed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Payload URL").FillAsync("ftp://files.example.com/drop");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Only http and https addresses can receive webhooks.");
        await Expect(dialog.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(WebhookEvents.Subscribable.Count);
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Project put on hold" })).ToBeCheckedAsync();
        await Browser.ScreenshotAsync(page, "integrations-events-wide");
        await dialog.GetByLabel("Payload URL").FillAsync(_receiver.Url);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();

        var secretField = dialog.GetByLabel("Signing secret", new() { Exact = true });
        await Expect(secretField).ToHaveValueAsync(SecretPattern());
        var secret = await secretField.InputValueAsync();
        await Browser.ScreenshotAsync(page, "integrations-secret-wide");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I have copied it" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var webhook = page.GetByTestId("webhook");
        await Expect(webhook.GetByTestId("webhook-state")).ToHaveTextAsync("Active");
        await Expect(webhook.GetByTestId("webhook-url")).ToHaveTextAsync(_receiver.Url);
        // The test event every new webhook gets, delivered while the page looks on.
        var rows = page.GetByTestId("delivery-log").Locator("tbody tr");
        await Expect(rows.First.GetByTestId("delivery-event")).ToContainTextAsync("Test event");
        await Expect(rows.First.GetByTestId("delivery-status")).ToHaveTextAsync("Delivered · 200");
        // The secret was shown once: nowhere on the page now, nor after a reload.
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await page.ReloadAsync();
        await Expect(rows.First.GetByTestId("delivery-status")).ToHaveTextAsync("Delivered · 200");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        // What was shown is what signs: the receiver's copy checks out with it.
        var ping = Assert.Single(_receiver.Received);
        var signature = ping.Signature!.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes($"{signature["t"]}."), .. ping.Body]);
        Assert.Equal(Convert.ToHexStringLower(mac), signature["v1"]);

        await rows.First.GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();
        await Expect(rows.First.GetByTestId("delivery-attempts")).ToHaveTextAsync("2");
        await rows.First.GetByRole(AriaRole.Button, new() { NameRegex = ShowAttempts() }).ClickAsync();
        await Expect(page.GetByTestId("delivery-attempt")).ToHaveCountAsync(2);
        Assert.Equal(2, _receiver.Received.Count(r => r.Delivery == ping.Delivery));
        await Browser.ScreenshotAsync(page, "integrations-wide");

        await webhook.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pause ") }).ClickAsync();
        await Expect(webhook.GetByTestId("webhook-state")).ToHaveTextAsync("Paused");
        await Expect(webhook.GetByTestId("webhook-paused-reason")).ToContainTextAsync("Paused by Lea Lead.");
        await webhook.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Resume ") }).ClickAsync();
        await Expect(webhook.GetByTestId("webhook-state")).ToHaveTextAsync("Active");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, App.Lead, $"/projects/{board.Key}/integrations");
        await Expect(phone.GetByTestId("webhook").GetByTestId("webhook-state")).ToHaveTextAsync("Active");
        await Expect(phone.GetByTestId("delivery-log").GetByTestId("delivery-status").First).ToHaveTextAsync("Delivered · 200");
        await Browser.ScreenshotAsync(phone, "integrations-narrow");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Dialog).GetByLabel("Payload URL")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "integrations-add-narrow");

        // Anyone else on the team: no button on the board, and the page refuses with the project's pattern.
        var other = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(other, engineer, $"/projects/{board.Key}");
        await Expect(other.GetByRole(AriaRole.Link, new() { Name = "Models" })).ToBeVisibleAsync();
        await Expect(other.GetByRole(AriaRole.Link, new() { Name = "Integrations" })).ToHaveCountAsync(0);
        var refused = await Browser.GoToAsync(other, $"/projects/{board.Key}/integrations");
        Assert.Equal(403, refused.Status);
        await Expect(other.GetByTestId("project-refusal")).ToContainTextAsync("Only the project's team lead manages its integrations");

        // Removing asks first, then the webhook and its log are gone.
        await webhook.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Remove ") }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(page.GetByTestId("no-webhooks")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("delivery-log")).ToContainTextAsync("Nothing sent yet");
    }

    [GeneratedRegex("^whsec_[0-9a-f]{64}$")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^Show the attempts of Test event")]
    private static partial Regex ShowAttempts();
}

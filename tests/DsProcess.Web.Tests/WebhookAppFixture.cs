namespace DsProcess.Web.Tests;

/// <summary>The app delivering webhooks, allowed to reach 127.0.0.1, retrying fast and pausing after three failures.</summary>
public class WebhookAppFixture : AppFixture
{
    public static readonly IReadOnlyDictionary<string, string?> FastWebhooks = new Dictionary<string, string?>
    {
        ["DsProcess:Webhooks:Deliver"] = "true",
        ["DsProcess:Webhooks:AllowPrivateAddresses"] = "true",
        ["DsProcess:Webhooks:MaxAttempts"] = "3",
        ["DsProcess:Webhooks:BackoffBase"] = "00:00:00.050",
        ["DsProcess:Webhooks:MaxBackoff"] = "00:00:00.200",
        ["DsProcess:Webhooks:PollInterval"] = "00:00:00.200",
    };

    protected override IReadOnlyDictionary<string, string?>? Settings => FastWebhooks;
}

/// <summary>The same, served over HTTP for a browser.</summary>
public sealed class WebhookServedAppFixture : WebhookAppFixture
{
    protected override bool ServeOverHttp => true;
}

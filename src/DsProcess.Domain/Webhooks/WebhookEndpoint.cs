using DsProcess.Domain.Common;

namespace DsProcess.Domain.Webhooks;

/// <summary>
/// The shape a receiver's address must have: a full http or https address without a user name or password (the
/// signature proves who sends, and a password in an address ends up in logs) and without a fragment. Whether its host
/// may be reached (public addresses only, unless an administrator allows private ones) is asked of the network at
/// subscription and again at every connection; that is not a rule of the address's text.
/// </summary>
public static class WebhookEndpoint
{
    /// <summary>Why <paramref name="url"/> cannot be a receiver's address, in the user's words; null when it can.</summary>
    public static string? Problem(string? url)
    {
        var text = url?.Trim() ?? "";
        if (text.Length == 0)
        {
            return "Give the address that receives the events.";
        }

        if (text.Length > Limits.Uri)
        {
            return $"The address must be at most {Limits.Uri} characters.";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return "Give a full address, such as https://ci.example.com/hooks/dsprocess.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return "Only http and https addresses can receive webhooks.";
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            return "Give a full address, such as https://ci.example.com/hooks/dsprocess.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Leave the user name and password out of the address: the signature tells the receiver who sent the event.";
        }

        return uri.Fragment.Length > 0 ? "Leave the #fragment out of the address; it is never sent to the receiver." : null;
    }

    /// <summary>
    /// The address without its query: what logs and the activity log name, since a query string often carries a
    /// receiver's own token.
    /// </summary>
    public static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(an address)";
}

namespace DsProcess.Application.Common.Interfaces;

/// <summary>Keeps a webhook's signing secret unreadable at rest (ASP.NET data protection, keys in the database).</summary>
public interface IWebhookSecretProtector
{
    string Protect(string secret);
}

/// <summary>
/// Whether the app may send to an address: it must resolve to public addresses only, unless an administrator allows
/// private ones (see the infrastructure's webhook options). Asked at subscription; the connection itself is checked
/// again at every delivery.
/// </summary>
public interface IWebhookAddressGuard
{
    /// <summary>Why the app will not send to <paramref name="address"/>, in the user's words; null when it will.</summary>
    Task<string?> RefusalAsync(Uri address, CancellationToken cancellationToken);
}

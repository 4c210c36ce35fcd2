using System.Security.Cryptography;
using System.Text;

namespace DsProcess.Infrastructure.Webhooks;

/// <summary>
/// The <c>X-DsProcess-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>, the HMAC keyed with the
/// subscription's secret (its UTF-8 bytes, as shown) over <c>"&lt;t&gt;.&lt;body&gt;"</c>. The timestamp is signed with the
/// body, so a receiver that rejects old timestamps is safe from replays of a captured request.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-DsProcess-Signature";

    public static string Create(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}

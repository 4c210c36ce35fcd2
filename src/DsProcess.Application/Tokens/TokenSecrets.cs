using System.Security.Cryptography;
using System.Text;

namespace DsProcess.Application.Tokens;

/// <summary>
/// Token secrets: "dsp_" and 32 random bytes, URL-safe. Only a SHA-256 of a secret is stored: the secret has full
/// entropy, so a fast hash is enough, and it lets a presented token be found by an index.
/// </summary>
public static class TokenSecrets
{
    public const string Marker = "dsp_";

    public static (string Secret, string Prefix, string Hash) New()
    {
        var secret = Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (secret, secret[..(Marker.Length + 6)], Hash(secret));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

using System.Globalization;
using System.Security.Cryptography;
using DsProcess.Domain.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Email;

/// <summary>
/// The link at the foot of an e-mail that stops one kind of e-mail for one person without signing in: the person and the
/// kind, protected (signed and encrypted) with the app's data protection keys, so nobody can make one for someone else.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, IOptions<EmailOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("DsProcess.Email.Unsubscribe");

    public string For(Guid personId, NotificationKind kind) =>
        $"{options.Value.BaseUrl.TrimEnd('/')}/Account/Unsubscribe?token={_protector.Protect(FormattableString.Invariant($"{personId:N}.{(int)kind}"))}";

    /// <summary>Whose and which e-mails a token stops; null for a token this app did not make.</summary>
    public (Guid PersonId, NotificationKind Kind)? Read(string? token)
    {
        try
        {
            var parts = _protector.Unprotect(token ?? "").Split('.');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var person)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kind) && EmailChoices.Kinds.Contains((NotificationKind)kind)
                ? (person, (NotificationKind)kind)
                : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}

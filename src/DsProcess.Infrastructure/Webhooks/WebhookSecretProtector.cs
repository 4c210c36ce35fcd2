using DsProcess.Application.Common.Interfaces;
using Microsoft.AspNetCore.DataProtection;

namespace DsProcess.Infrastructure.Webhooks;

/// <summary>
/// Webhook secrets at rest, protected with ASP.NET data protection (keys in the database, shared by every instance):
/// a copy of the database alone does not give them away. The worker unprotects a secret to sign, and never logs it.
/// </summary>
public sealed class WebhookSecretProtector(IDataProtectionProvider provider) : IWebhookSecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("DsProcess.Webhooks.SigningSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

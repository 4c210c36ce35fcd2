using DsProcess.Domain.Common;
using DsProcess.Domain.People;

namespace DsProcess.Application.Common.Interfaces;

/// <summary>Sign-in accounts, kept by the identity store.</summary>
public interface IIdentityService
{
    /// <summary>Creates an account and its person together; refusals (weak password, e-mail in use) come back as field messages.</summary>
    Task<Guid> CreateUserAsync(string email, string displayName, SystemRole role, string password, Actor by, CancellationToken cancellationToken);

    /// <summary>
    /// Self-registration: the first account of an empty system becomes Admin; later ones are Members, and
    /// only while self-registration is switched on. Returns null when registration is closed.
    /// </summary>
    Task<Guid?> RegisterAsync(string email, string displayName, string password, CancellationToken cancellationToken);

    /// <summary>Whether someone without an account may register now.</summary>
    Task<bool> IsRegistrationOpenAsync(CancellationToken cancellationToken);

    /// <summary>An account without a password, for someone who signs in with the company's identity provider, and its person.</summary>
    Task<Guid> CreateExternalUserAsync(string email, string displayName, SystemRole role, CancellationToken cancellationToken);

    /// <summary>Locks or unlocks sign-in and ends the user's open sessions.</summary>
    Task SetSignInAllowedAsync(Guid userId, bool allowed, CancellationToken cancellationToken);

    /// <summary>Ends the user's open sessions (they sign in again and get fresh claims).</summary>
    Task EndSessionsAsync(Guid userId, CancellationToken cancellationToken);
}

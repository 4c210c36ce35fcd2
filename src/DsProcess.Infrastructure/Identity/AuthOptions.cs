namespace DsProcess.Infrastructure.Identity;

public sealed class AuthOptions
{
    public const string Section = "DsProcess:Auth";

    /// <summary>Whether people may create their own (Member) account once the first admin exists.</summary>
    public bool AllowSelfRegistration { get; set; }

    /// <summary>
    /// How often a signed-in browser re-checks that its user is still allowed in (disabled, role or password changed,
    /// signed out elsewhere): an open tab, and the sign-in cookie on its next request.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins in a row before the account is locked for <see cref="LockoutDuration"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in, registration and password-change submissions allowed from one client address per <see cref="AttemptWindow"/>.</summary>
    public int AttemptsPerAddress { get; set; } = 20;

    /// <summary>The same submissions allowed for one account (the e-mail typed, or the signed-in user's) per <see cref="AttemptWindow"/>.</summary>
    public int AttemptsPerAccount { get; set; } = 5;

    public TimeSpan AttemptWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sign in with an e-mail and a password. Off when everyone signs in with the company account (<see cref="Oidc"/>).</summary>
    public bool LocalSignIn { get; set; } = true;

    /// <summary>Sign-in with the company's identity provider (OpenID Connect); off without an authority.</summary>
    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>The company's identity provider, under <c>DsProcess:Auth:Oidc</c>: authorization code flow with PKCE.</summary>
public sealed class OidcOptions
{
    /// <summary>The provider's address (its discovery document is under it); empty switches company sign-in off.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The button's words: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "company account";

    /// <summary>The claim that carries the person's e-mail address, by which a first sign-in finds their account.</summary>
    public string EmailClaim { get; set; } = "email";

    public string NameClaim { get; set; } = "name";

    /// <summary>The claim listing the person's groups, for <see cref="AdminGroups"/>, <see cref="TeamLeadGroups"/> and <see cref="ViewerGroups"/>.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Groups whose members are admins (at every sign-in; the first group list that matches, in this order, wins).</summary>
    public List<string> AdminGroups { get; set; } = [];

    public List<string> TeamLeadGroups { get; set; } = [];

    public List<string> ViewerGroups { get; set; } = [];

    /// <summary>
    /// Whether someone the provider knows but DsProcess does not may enter (an account is made for them, a member unless
    /// their groups say otherwise); otherwise an admin makes their account first, with the same e-mail.
    /// </summary>
    public bool AllowUnknownPeople { get; set; }

    /// <summary>Ask for the provider's metadata over HTTPS only; off only for a provider on the local machine (tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

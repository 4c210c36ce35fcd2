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
}

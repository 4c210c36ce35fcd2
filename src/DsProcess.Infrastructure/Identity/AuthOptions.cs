namespace DsProcess.Infrastructure.Identity;

public sealed class AuthOptions
{
    public const string Section = "DsProcess:Auth";

    /// <summary>Whether people may create their own (Member) account once the first admin exists.</summary>
    public bool AllowSelfRegistration { get; set; }

    /// <summary>How often an open browser tab re-checks that its user is still allowed in (disabled, role changed).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins in a row before the account is locked for <see cref="LockoutDuration"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}

namespace DsProcess.Infrastructure.Identity;

public static class AppClaims
{
    /// <summary>The person's display name, for the app bar.</summary>
    public const string DisplayName = "dsprocess:name";
}

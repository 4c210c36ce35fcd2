namespace DsProcess.Infrastructure.Identity;

public static class AppClaims
{
    /// <summary>The person's display name, for the app bar.</summary>
    public const string DisplayName = "dsprocess:name";

    /// <summary>How the app looks to the person (system, light or dark), for the page's theme.</summary>
    public const string Appearance = "dsprocess:appearance";

    /// <summary>The id of the API token a request came with (absent for the sign-in cookie).</summary>
    public const string TokenId = "dsprocess:token";

    /// <summary>The role claim of a playbook owner, beside the system role's, for the pages they may open.</summary>
    public const string PlaybookOwnerRole = "PlaybookOwner";
}

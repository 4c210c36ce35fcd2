using System.Security.Claims;

namespace DsProcess.Web.Infrastructure;

/// <summary>Who calls the API: the authorization policy of its endpoints, and the token a call came with.</summary>
internal static class ApiCallers
{
    public const string Policy = "Api";

    public const string TokenIdClaim = "dsprocess:token";

    /// <summary>The id of the API token the caller signed in with; null for a browser's sign-in.</summary>
    public static string? TokenIdOf(ClaimsPrincipal user) => user.FindFirst(TokenIdClaim)?.Value;

    /// <summary>Requests to the API itself (not its reference page), which answer problem details rather than pages.</summary>
    public static bool IsApiRequest(HttpContext http) => http.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase);
}

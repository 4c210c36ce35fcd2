using System.Security.Claims;
using DsProcess.Infrastructure.Identity;

namespace DsProcess.Web.Infrastructure;

/// <summary>Who calls the API: the token a call came with, and which requests are the API's.</summary>
internal static class ApiCallers
{
    /// <summary>The id of the API token the caller signed in with; null for a browser's sign-in.</summary>
    public static string? TokenIdOf(ClaimsPrincipal user) => user.FindFirst(AppClaims.TokenId)?.Value;

    /// <summary>Requests to the API itself (not its reference page), which answer problem details rather than pages.</summary>
    public static bool IsApiRequest(HttpContext http) => http.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase);
}

using System.Security.Claims;

namespace DsProcess.Web.Components.Shared;

internal static class CurrentUserId
{
    public static Guid? Of(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

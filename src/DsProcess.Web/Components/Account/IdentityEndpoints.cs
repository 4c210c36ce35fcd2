using DsProcess.Infrastructure.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DsProcess.Web.Components.Account;

internal static class IdentityEndpoints
{
    /// <summary>
    /// Sign-out is a POST with the antiforgery token, so no link, image or other site can sign anyone out. It changes
    /// the user's security stamp: their other tabs and devices are signed out at their next check.
    /// </summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/Account/Logout", async Task<Results<BadRequest, RedirectHttpResult>> (
            HttpContext http,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<ApplicationUser> signIn) =>
        {
            // A session that already ended (signed out elsewhere, disabled) has nothing to sign out, and its form's
            // token, issued to the signed-in user, no longer matches: send it to sign in rather than refuse it.
            if (http.User.Identity?.IsAuthenticated != true)
            {
                return TypedResults.LocalRedirect("~/Account/Login");
            }

            // No form parameter is bound here, so nothing checks the token unless this does.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.BadRequest();
            }

            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
}

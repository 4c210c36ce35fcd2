using DsProcess.Application.People.Commands.ChooseAppearance;
using DsProcess.Domain.People;
using DsProcess.Infrastructure.Identity;
using Mediator;
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
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        MapSignOut(endpoints);
        MapAppearance(endpoints);
    }

    private static void MapSignOut(IEndpointRouteBuilder endpoints) =>
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

    /// <summary>
    /// The appearance a person chooses in the account menu (a form, so it works before the page is interactive): saved
    /// on the person, then the sign-in cookie is issued again with it, and the page they came from reloads in it.
    /// </summary>
    private static void MapAppearance(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/Account/Appearance", async Task<Results<BadRequest, RedirectHttpResult>> (
            HttpContext http,
            [FromForm] Appearance appearance,
            [FromForm] string? returnUrl,
            [FromServices] ISender sender,
            [FromServices] SignInManager<ApplicationUser> signIn) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                return TypedResults.LocalRedirect("~/Account/Login");
            }

            await sender.Send(new ChooseAppearanceCommand(appearance));
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.RefreshSignInAsync(user);
            }

            return TypedResults.LocalRedirect($"~{LocalPath(returnUrl)}");
        });

    /// <summary>A path in this app to go back to after a form, or "/" for anything else (another site, "//host").</summary>
    public static string LocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}

using System.Security.Claims;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DsProcess.Web.Components.Account;

/// <summary>
/// Sign-in with the company's identity provider (OpenID Connect, authorization code with PKCE) beside local accounts.
/// The first sign-in links the provider's account to the DsProcess account with the same e-mail address, or makes one
/// when unknown people may enter; the provider's groups set the system role at every sign-in when they map to one.
/// </summary>
internal static class CompanySignIn
{
    public const string Scheme = "oidc";

    public static AuthenticationBuilder AddCompanySignIn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var oidc = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.Oidc ?? new OidcOptions();
        return !oidc.Enabled ? authentication : authentication.AddOpenIdConnect(Scheme, oidc.DisplayName, options =>
        {
            options.Authority = oidc.Authority;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = oidc.ClientSecret;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.CallbackPath = "/signin-oidc";
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = true;
            options.Scope.Add("email");
            options.Scope.Add("profile");
            // Keep the provider's group claims (the handler keeps only the claims it knows).
            options.ClaimActions.MapAll();
        });
    }

    public static void MapCompanySignIn(this IEndpointRouteBuilder endpoints)
    {
        // A form POST (with the antiforgery token), so no other site can start a sign-in for someone.
        endpoints.MapPost("/Account/ExternalLogin", ([FromForm] string? returnUrl, [FromServices] SignInManager<ApplicationUser> signIn) =>
        {
            var callback = $"/Account/ExternalLogin/Callback?returnUrl={Uri.EscapeDataString(IdentityEndpoints.LocalPath(returnUrl))}";
            return Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(Scheme, callback), [Scheme]);
        });

        endpoints.MapGet("/Account/ExternalLogin/Callback", CallbackAsync);
    }

    private static async Task<RedirectHttpResult> CallbackAsync(
        string? returnUrl,
        HttpContext http,
        [FromServices] SignInManager<ApplicationUser> signIn,
        [FromServices] IIdentityService identity,
        [FromServices] IAppDbContext db,
        [FromServices] IOptions<AuthOptions> auth,
        [FromServices] TimeProvider clock,
        [FromServices] ILogger<ApplicationUser> logger)
    {
        var oidc = auth.Value.Oidc;
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return Refused("cancelled");
        }

        var email = info.Principal.FindFirstValue(oidc.EmailClaim);
        if (string.IsNullOrWhiteSpace(email))
        {
            return Refused("noemail");
        }

        var role = RoleOf(info.Principal.FindAll(oidc.GroupsClaim).Select(c => c.Value), oidc);
        var user = await signIn.UserManager.FindByLoginAsync(info.LoginProvider, info.ProviderKey)
            ?? await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            if (!oidc.AllowUnknownPeople)
            {
                logger.LogWarning("Company sign-in refused: no account for the provider's user");
                return Refused("unknown");
            }

            var name = info.Principal.FindFirstValue(oidc.NameClaim) is { Length: > 0 } given ? given : email;
            var id = await identity.CreateExternalUserAsync(email, Limits.Clip(name, Limits.PersonName), role ?? SystemRole.Member, http.RequestAborted);
            user = await signIn.UserManager.FindByIdAsync(id.ToString());
        }

        if ((await signIn.UserManager.GetLoginsAsync(user!)).All(l => l.LoginProvider != info.LoginProvider))
        {
            await signIn.UserManager.AddLoginAsync(user!, info);
        }

        if (role is { } mapped)
        {
            var person = await db.People.SingleAsync(p => p.Id == user!.Id, http.RequestAborted);
            person.ChangeSystemRole(mapped, Actor.System, clock.GetUtcNow());
            await db.SaveChangesAsync(http.RequestAborted);
        }

        // The same checks as a password sign-in: a disabled (locked) account stays out.
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        return result.Succeeded ? TypedResults.LocalRedirect($"~{IdentityEndpoints.LocalPath(returnUrl)}")
            : result.IsLockedOut || result.IsNotAllowed ? TypedResults.LocalRedirect("~/Account/Lockout")
            : Refused("failed");
    }

    /// <summary>The system role the provider's groups give, the highest first; null when they map to none.</summary>
    public static SystemRole? RoleOf(IEnumerable<string> groups, OidcOptions oidc)
    {
        var set = groups.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return oidc.AdminGroups.Any(set.Contains) ? SystemRole.Admin
            : oidc.TeamLeadGroups.Any(set.Contains) ? SystemRole.TeamLead
            : oidc.ViewerGroups.Any(set.Contains) ? SystemRole.Viewer
            : null;
    }

    private static RedirectHttpResult Refused(string why) => TypedResults.LocalRedirect($"~/Account/Login?external={why}");
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Tokens;
using DsProcess.Infrastructure.Data;
using DsProcess.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DsProcess.Web.Infrastructure;

/// <summary>
/// How the HTTP API knows its callers: a bearer token (personal or service) or, for a person trying the API in the
/// browser, the sign-in cookie. An API call without either is answered 401 with a problem body, never sent to the
/// sign-in page.
/// </summary>
internal static class ApiAuthentication
{
    /// <summary>The bearer token scheme.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>The authorization policy of the API's endpoints: a token, or else the cookie.</summary>
    public const string Policy = "Api";

    private const string TokenOrCookie = "ApiTokenOrCookie";

    public static AuthenticationBuilder AddApiTokens(this AuthenticationBuilder authentication)
    {
        authentication.Services.AddScoped<TokenAuthenticator>();
        authentication.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(TokenOrCookie).RequireAuthenticatedUser());
        return authentication
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(Scheme, null)
            .AddPolicyScheme(TokenOrCookie, null, options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? Scheme : IdentityConstants.ApplicationScheme;
                options.ForwardChallenge = Scheme;
                options.ForwardForbid = Scheme;
            });
    }
}

/// <summary>Checks "Authorization: Bearer dsp_…" against the stored token hashes on every request.</summary>
internal sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenAuthenticator tokens,
    CurrentUser currentUser)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    private string? _refusal;

    private bool _databaseDown;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("Send the token as \"Authorization: Bearer <token>\".");
        }

        TokenCheck check;
        try
        {
            check = await tokens.CheckAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        }
        catch (Exception ex) when (DatabaseOutage.Is(ex))
        {
            _databaseDown = true;
            return Refuse(DatabaseUnavailableException.UserMessage);
        }

        if (check is not { PersonId: { } personId, Caller: { } caller })
        {
            return Refuse(check.Refusal ?? "The token is not valid.");
        }

        // The request's mediator messages read the token from the scope's current user (see Access).
        currentUser.Token = caller;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, personId.ToString()), new Claim(AppClaims.TokenId, caller.TokenId.ToString())],
            ApiAuthentication.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiAuthentication.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_databaseDown)
        {
            Response.Headers.RetryAfter = "10";
            return Results.Problem(_refusal, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(Context);
        }

        Response.Headers.WWWAuthenticate = _refusal is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return Results.Problem(
                _refusal ?? "Send a DsProcess API token: \"Authorization: Bearer <token>\". Make one on your profile page.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Authentication needed")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem("You may not do this.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);

    private AuthenticateResult Refuse(string why)
    {
        _refusal = why;
        return AuthenticateResult.Fail(why);
    }
}

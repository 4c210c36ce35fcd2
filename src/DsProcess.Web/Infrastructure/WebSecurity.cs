using System.Net;
using DsProcess.Infrastructure.Identity;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace DsProcess.Web.Infrastructure;

/// <summary>The reverse proxies whose X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host headers are believed.</summary>
public sealed class ProxyOptions
{
    public const string Section = "DsProcess:Proxy";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>. With neither list set, only loopback is believed.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks, e.g. <c>172.16.0.0/12</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>What the browser is told to enforce, and what a proxy in front may tell the app.</summary>
internal static class WebSecurity
{
    /// <summary>
    /// The pages' Content-Security-Policy. Blazor already sends <c>frame-ancestors {value}</c> on every page it renders
    /// (its guard for compressed WebSockets); this value continues that one header rather than adding a second policy.
    /// Scripts come only from the app (no inline script: hence no import map); MudBlazor and Blazor write inline styles;
    /// the circuit's WebSocket is same-origin, which <c>'self'</c> covers. Forms post to the app only, and to the company's
    /// identity provider when sign-in with it is on: the browser applies form-action to the redirect a form's answer
    /// makes, and "Sign in with …" is a form whose answer redirects there.
    /// </summary>
    public static string FrameAncestorsAndPolicy(IConfiguration configuration)
    {
        var oidc = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.Oidc;
        var provider = oidc is { Enabled: true } && Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
            ? " " + authority.GetLeftPart(UriPartial.Authority)
            : "";
        return "'self'; default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'" + provider;
    }

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProxyOptions>(configuration.GetSection(ProxyOptions.Section));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((options, proxyOptions) =>
        {
            // The host too: a proxy that addresses an instance by its own name (YARP, http://app:8080) passes the
            // browser's host on in X-Forwarded-Host.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            var proxy = proxyOptions.Value;
            if (proxy.KnownProxies.Length + proxy.KnownNetworks.Length > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var address in proxy.KnownProxies)
                {
                    options.KnownProxies.Add(IPAddress.TryParse(address, out var parsed) ? parsed
                        : throw new InvalidOperationException($"{ProxyOptions.Section}:KnownProxies: '{address}' is not an IP address."));
                }

                foreach (var network in proxy.KnownNetworks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                        : throw new InvalidOperationException($"{ProxyOptions.Section}:KnownNetworks: '{network}' is not a network like 10.0.0.0/8."));
                }
            }
        });

        // The antiforgery cookie keeps its SameSite=Strict and HttpOnly defaults, and is Secure whenever the request is HTTPS.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services.AddSignInRateLimits();
    }

    /// <summary>Headers every response carries, whatever produced it (also error pages and static files).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(http);
        });
}

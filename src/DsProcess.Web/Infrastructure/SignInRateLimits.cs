using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using DsProcess.Infrastructure.Identity;
using DsProcess.Web.Components.Account.Pages;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DsProcess.Web.Infrastructure;

/// <summary>
/// Marks an account page whose form submissions count against the sign-in rate limits: per client address and per
/// account. Only its POSTs count; opening the page does not.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class RateLimitedFormAttribute : Attribute
{
    /// <summary>The form field that names the account (its e-mail); without one, the account is the signed-in user's.</summary>
    public string? AccountField { get; init; }
}

/// <summary>
/// Throttles guessing and mass registration with ASP.NET Core's rate limiter: every submission of a
/// <see cref="RateLimitedFormAttribute"/> page takes a permit from its client address's budget and from its account's
/// (<see cref="AuthOptions.AttemptsPerAddress"/>, <see cref="AuthOptions.AttemptsPerAccount"/> per
/// <see cref="AuthOptions.AttemptWindow"/>). A refusal is HTTP 429 with a Retry-After header and the
/// <see cref="TooManyAttempts"/> page. The client address is the forwarded one when a known proxy sends it.
/// </summary>
internal static class SignInRateLimits
{
    private const string Unlimited = "";

    /// <summary>Longer than any e-mail Identity accepts: a partition key never grows without bound.</summary>
    private const int MaxAccountLength = 256;

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RefuseAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AuthOptions>>((options, auth) =>
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PerPartition(auth.Value.AttemptsPerAddress, auth.Value.AttemptWindow, (http, _) => AddressOf(http.Connection.RemoteIpAddress)),
                PerPartition(auth.Value.AttemptsPerAccount, auth.Value.AttemptWindow, AccountOf)));
        return services;
    }

    /// <summary>Place after authentication (a password change counts against the signed-in user).</summary>
    public static IApplicationBuilder UseSignInRateLimits(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
            {
                // The account's budget is keyed by the e-mail in the form: read the form now, asynchronously (the
                // page reuses it).
                if (FormOf(http) is { AccountField: not null } && http.Request.HasFormContentType)
                {
                    try
                    {
                        await http.Request.ReadFormAsync(http.RequestAborted);
                    }
                    catch (InvalidDataException)
                    {
                        // A malformed form: the page refuses it, and only the address budget counts it.
                    }
                }

                await next(http);
            })
            .UseRateLimiter();

    private static PartitionedRateLimiter<HttpContext> PerPartition(int permits, TimeSpan window, Func<HttpContext, RateLimitedFormAttribute, string?> keyOf) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            FormOf(http) is { } form && keyOf(http, form) is { Length: > 0 } key
                ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window })
                : RateLimitPartition.GetNoLimiter(Unlimited));

    private static RateLimitedFormAttribute? FormOf(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) ? http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedFormAttribute>() : null;

    /// <summary>
    /// The client's budget: its IPv4 address, or its IPv6 /64 network, since one IPv6 host can take any address in
    /// its /64 and would otherwise get a fresh budget with each.
    /// </summary>
    private static string AddressOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    private static string? AccountOf(HttpContext http, RateLimitedFormAttribute form)
    {
        var account = form.AccountField is null
            ? http.User.Identity?.Name
            : http.Features.Get<IFormFeature>()?.Form?[form.AccountField].ToString();
        account = account?.Trim().ToUpperInvariant();
        return account?.Length > MaxAccountLength ? account[..MaxAccountLength] : account;
    }

    /// <summary>Answers 429 with the account page that explains the refusal, rendered in place of the form's page.</summary>
    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        var page = http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .Single(e => e.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type == typeof(TooManyAttempts));
        var method = http.Request.Method;
        http.SetEndpoint(page);
        http.Request.Method = HttpMethods.Get; // no form to process on the refusal page
        try
        {
            await page.RequestDelegate!(http);
        }
        finally
        {
            http.Request.Method = method;
        }
    }
}

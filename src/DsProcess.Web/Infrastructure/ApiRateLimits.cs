using System.Globalization;
using System.Threading.RateLimiting;
using DsProcess.Web.Components.Shared;
using DsProcess.Web.Endpoints;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DsProcess.Web.Infrastructure;

/// <summary>The API's settings (<c>DsProcess:Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "DsProcess:Api";

    public ApiRateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>Requests one caller may send in each window; beyond that HTTP 429 with Retry-After.</summary>
public sealed class ApiRateLimitOptions
{
    public int PermitLimit { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The API's rate limit, with ASP.NET Core's rate limiter: a fixed window per caller, keyed by the token a request came
/// with, else the signed-in user, else the client address. A refusal is a 429 problem with Retry-After.
/// </summary>
internal static class ApiRateLimits
{
    public const string Policy = "api";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.Section));
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiOptions>>((options, api) =>
        {
            var limit = api.Value.RateLimit;
            options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                PartitionOf(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window }));
        });

        // The sign-in limits answer with a page; the API's callers get a problem.
        services.PostConfigure<RateLimiterOptions>(options =>
        {
            var pages = options.OnRejected;
            options.OnRejected = (rejected, cancellationToken) =>
                ApiCallers.IsApiRequest(rejected.HttpContext) ? RefuseAsync(rejected) : pages!(rejected, cancellationToken);
        });
        return services;
    }

    private static string PartitionOf(HttpContext http) =>
        ApiCallers.TokenIdOf(http.User) is { } token ? $"token:{token}"
        : CurrentUserId.Of(http.User) is { } user ? $"user:{user}"
        : $"address:{http.Connection.RemoteIpAddress}";

    private static async ValueTask RefuseAsync(OnRejectedContext rejected)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        await Problems.Problem(StatusCodes.Status429TooManyRequests, $"Too many requests with this token; try again in {wait:0} seconds.").ExecuteAsync(http);
    }
}

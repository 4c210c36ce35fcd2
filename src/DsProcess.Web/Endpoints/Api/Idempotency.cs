using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Infrastructure.Api;
using DsProcess.Web.Components.Shared;
using DsProcess.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DsProcess.Web.Endpoints.Api;

/// <summary>Marks a POST that an Idempotency-Key makes safe to retry.</summary>
internal sealed class IdempotentAttribute : Attribute;

/// <summary>
/// POSTs with an <c>Idempotency-Key</c> header run once per caller and key (<see cref="IdempotentRequests"/>): a retry
/// gets the first response again, with <c>Idempotent-Replayed: true</c>; the key with another body is refused (422).
/// </summary>
internal static class Idempotency
{
    public const string Header = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new IdempotentAttribute()).AddEndpointFilter(RunOnceAsync);

    public static bool IsIdempotent(this Endpoint endpoint) => endpoint.Metadata.GetMetadata<IdempotentAttribute>() is not null;

    /// <summary>Keeps the body readable after binding, for the request's hash; only requests that carry a key pay for it.</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Headers.ContainsKey(Header) && http.GetEndpoint()?.IsIdempotent() == true)
            {
                http.Request.EnableBuffering();
            }

            return next(http);
        });

    private static async ValueTask<object?> RunOnceAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return await next(context);
        }

        if (key.Length > IdempotentRequests.MaxKeyLength)
        {
            throw new ValidationException(Header, $"An Idempotency-Key must be at most {IdempotentRequests.MaxKeyLength} characters; a UUID is plenty.");
        }

        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var (response, replayed) = await http.RequestServices.GetRequiredService<IdempotentRequests>().RunOnceAsync(
            CallerOf(http),
            key,
            await HashAsync(http.Request),
            async () => Stored(await next(context), http.Response.Headers.ETag, json),
            http.RequestAborted);
        if (replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }

        return new ReplayedResult(response);
    }

    /// <summary>Keys are the caller's own: a token's, else the signed-in user's.</summary>
    private static string CallerOf(HttpContext http) =>
        ApiCallers.TokenIdOf(http.User) is { } token ? $"token:{token}"
        : CurrentUserId.Of(http.User) is { } user ? $"user:{user}"
        : throw new InvalidOperationException("The API answers signed-in callers only.");

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>What the endpoint answered, as it will be stored: its status, its JSON body, its Location and its ETag.</summary>
    private static StoredResponse Stored(object? result, string? etag, JsonSerializerOptions json) => result switch
    {
        Created<CreatedResource> created => new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(created.Value, json), created.Location, etag),
        IStatusCodeHttpResult { StatusCode: { } status } and IValueHttpResult { Value: { } value } =>
            new StoredResponse(status, JsonSerializer.Serialize(value, value.GetType(), json), null, etag),
        IStatusCodeHttpResult { StatusCode: { } status } => new StoredResponse(status, null, null, etag),
        _ => throw new InvalidOperationException($"An idempotent endpoint answered {result?.GetType().Name}, which cannot be stored."),
    };

    /// <summary>A stored response, written as the first request wrote it.</summary>
    private sealed class ReplayedResult(StoredResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            if (response.Location is { } location)
            {
                httpContext.Response.Headers.Location = location;
            }

            if (response.ETag is { } etag)
            {
                httpContext.Response.Headers.ETag = etag;
            }

            if (response.Body is { } body)
            {
                httpContext.Response.ContentType = "application/json; charset=utf-8";
                await httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}

using System.Globalization;
using DsProcess.Application.Common.Exceptions;

namespace DsProcess.Web.Endpoints.Api;

/// <summary>An update came without If-Match: the API does not guess which version the caller saw.</summary>
internal sealed class PreconditionRequiredException()
    : Exception("Send If-Match with the ETag of the version you read (GET it first), so that nobody's change is overwritten unseen.");

/// <summary>Marks an endpoint that takes the version it changes from If-Match.</summary>
internal sealed class RequiresIfMatchAttribute : Attribute;

/// <summary>Optimistic concurrency over HTTP: a read sends the row's version as its ETag, an update names it in If-Match.</summary>
internal static class Preconditions
{
    public static RouteHandlerBuilder RequireIfMatch(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(new RequiresIfMatchAttribute());

    public static bool AreRequiredBy(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<RequiresIfMatchAttribute>() is not null;

    /// <summary>The ETag of a row version, as reads send it.</summary>
    public static string ETagOf(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpResponse response, uint version) => response.Headers.ETag = ETagOf(version);

    /// <summary>The version If-Match names; 428 without one, a field message for one the API never sent.</summary>
    public static uint IfMatchVersion(this HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0)
        {
            throw new PreconditionRequiredException();
        }

        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Length > 2 && value[0] == '"' && value[^1] == '"'
            && uint.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ValidationException("If-Match", "Send the ETag exactly as a read returned it, such as \"123\" with its quotes.");
    }
}

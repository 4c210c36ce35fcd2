using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DsProcess.Web.Endpoints;

internal static class HealthEndpoint
{
    /// <summary>
    /// <c>GET /health</c>: the overall status on the first line (what a load balancer matches), then one line per
    /// check with its reason. Healthy and Degraded answer 200, Unhealthy 503: an instance whose change feed is
    /// reconnecting still serves pages and commands, and taking every instance out of the balancer during a
    /// database blip would turn delayed live updates into an outage.
    /// </summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteAsync,
        });

    // Descriptions only, never exception messages: the endpoint is anonymous and those can name hosts.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder().AppendLine(report.Status.ToString());
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(name).Append(": ").Append(entry.Status.ToString());
            if (!string.IsNullOrEmpty(entry.Description))
            {
                text.Append(" (").Append(entry.Description).Append(')');
            }

            text.AppendLine();
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString());
    }
}

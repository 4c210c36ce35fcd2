using DsProcess.Application.Common.Diagnostics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DsProcess.Web.Infrastructure;

/// <summary>
/// Traces and metrics over OTLP, on only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (an environment variable or any
/// other configuration source); the other standard <c>OTEL_*</c> settings (protocol, headers, service name, export
/// intervals) apply as the OpenTelemetry SDK defines them. Without an endpoint no SDK is registered: the app's own
/// instruments stay, and cost next to nothing while nobody listens. See docs/observability.md.
/// </summary>
internal static class TelemetryExport
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string DefaultServiceName = "dsprocess";

    /// <summary>Blazor's circuit meter (.NET 10): <c>aspnetcore.components.circuit.active</c> counts the open circuits.</summary>
    public const string CircuitsMeter = "Microsoft.AspNetCore.Components.Server.Circuits";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MessageMetrics>();
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting]))
        {
            return services;
        }

        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    // A circuit's hub connection is one request as long as the tab stays open, and every render
                    // acknowledgement would be a SignalR span; the circuit's events (clicks, navigation) come as
                    // Blazor's own spans instead. Health probes would drown the requests people make.
                    aspNetCore.Filter = http => !http.Request.Path.StartsWithSegments("/_blazor") && !http.Request.Path.StartsWithSegments("/health");
                    aspNetCore.EnableAspNetCoreSignalRSupport = false;
                })
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(Telemetry.ActivitySourceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(CircuitsMeter, "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle")
                .AddMeter(Telemetry.MeterName))
            .UseOtlpExporter();
        return services;
    }
}

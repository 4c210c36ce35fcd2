using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using DsProcess.Application.Common.Diagnostics;
using DsProcess.Application.Projects.Commands.CreateProject;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DsProcess.Web.Tests;

/// <summary>With an OTLP endpoint configured, traces and metrics reach it over OTLP/HTTP with protobuf bodies.</summary>
public sealed class OtlpExportTests(OtlpAppFixture app) : IClassFixture<OtlpAppFixture>
{
    [Fact]
    public async Task With_an_endpoint_the_requests_messages_and_sql_are_exported_as_traces_and_the_app_metrics_as_metrics()
    {
        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        var board = await app.CreateProjectAsync(withEvidence: false);
        using var client = app.ApiClient(await app.CreatePersonalTokenAsync(app.Lead));

        (await client.GetAsync($"/api/v1/projects/{board.Key}")).EnsureSuccessStatusCode();

        // Protobuf keeps strings as they are: the span names, the sources' scopes and the resource can be read in the bytes.
        await Eventually.TrueAsync(() => app.Receiver.Has("traces", nameof(CreateProjectCommand))
            && app.Receiver.Has("traces", "ProjectBoardQuery")
            && app.Receiver.Has("traces", Telemetry.ActivitySourceName)
            && app.Receiver.Has("traces", "Npgsql")
            && app.Receiver.Has("traces", "Microsoft.AspNetCore")
            && app.Receiver.Has("traces", "GET /api/v1/projects/{key}"));
        await Eventually.TrueAsync(() => app.Receiver.Has("metrics", MessageMetrics.DurationName)
            && app.Receiver.Has("metrics", "http.server.request.duration"));
        Assert.Matches(new Regex(@"service\.name.{2,6}dsprocess", RegexOptions.Singleline), app.Receiver.Text("traces"));
        Assert.All(app.Receiver.ContentTypes, type => Assert.Equal("application/x-protobuf", type));
    }
}

/// <summary>The app exporting to an <see cref="OtlpReceiver"/> every fraction of a second.</summary>
public sealed class OtlpAppFixture : AppFixture, IAsyncLifetime
{
    public OtlpReceiver Receiver { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.BaseAddress,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
    };

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        await InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>A minimal OTLP/HTTP receiver: Kestrel on 127.0.0.1 keeping every body posted to <c>/v1/{signal}</c>.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, string ContentType, byte[] Body)> _received = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string BaseAddress { get; private set; } = "";

    public IEnumerable<string> ContentTypes => _received.Select(r => r.ContentType).Distinct();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver._received.Enqueue((signal, context.Request.ContentType ?? "", body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>Every body of one signal, one byte a character.</summary>
    public string Text(string signal) =>
        string.Concat(_received.Where(r => r.Signal == signal).Select(r => Encoding.Latin1.GetString(r.Body)));

    public bool Has(string signal, string text) => Text(signal).Contains(text, StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

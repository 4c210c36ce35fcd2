using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DsProcess.Tests;

/// <summary>A request the receiver got, as it arrived: the headers that matter and the exact body bytes.</summary>
public sealed record ReceivedWebhook(string? Event, string? Delivery, string? Signature, string ContentType, byte[] Body, long ReceivedAt)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A webhook receiver for tests: Kestrel on 127.0.0.1 (a free port), recording every request and answering with the
/// status <see cref="Answer"/> chooses (200 unless told otherwise).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly Channel<ReceivedWebhook> _arrivals = Channel.CreateUnbounded<ReceivedWebhook>();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The status to answer a request with, given it and how many requests of its event type came before.</summary>
    public Func<ReceivedWebhook, int, int> Answer { get; set; } = (_, _) => StatusCodes.Status200OK;

    public IReadOnlyCollection<ReceivedWebhook> Received => _received;

    public ChannelReader<ReceivedWebhook> Arrivals => _arrivals.Reader;

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers;
            var received = new ReceivedWebhook(
                headers["X-DsProcess-Event"], headers["X-DsProcess-Delivery"], headers["X-DsProcess-Signature"], context.Request.ContentType ?? "",
                body.ToArray(), Stopwatch.GetTimestamp());
            var before = receiver._received.Count(r => r.Event == received.Event);
            receiver._received.Enqueue(received);
            receiver._arrivals.Writer.TryWrite(received);
            context.Response.StatusCode = receiver.Answer(received, before);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = $"{address}/hooks/dsprocess";
        return receiver;
    }

    public int Count(string type) => _received.Count(r => r.Event == type);

    /// <summary>Waits for a request that matches, failing after 20 seconds.</summary>
    public async Task<ReceivedWebhook> NextAsync(Func<ReceivedWebhook, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var next = await _arrivals.Reader.ReadAsync(timeout.Token);
            if (match(next))
            {
                return next;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

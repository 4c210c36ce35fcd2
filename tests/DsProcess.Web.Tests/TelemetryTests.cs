using System.Diagnostics;
using DsProcess.Application.Common.Diagnostics;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Infrastructure.ChangeFeed;
using DsProcess.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DsProcess.Web.Tests;

/// <summary>
/// What the app reports for tracing and metrics, heard in-process as an OpenTelemetry SDK would hear it; and that
/// nothing is exported unless an OTLP endpoint is configured.
/// </summary>
public sealed class TelemetryTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    [Fact]
    public async Task Each_command_and_query_is_a_span_named_after_it_holding_its_sql_and_its_duration_is_recorded_by_name()
    {
        using var recorder = new TelemetryRecorder(app.Services, [Telemetry.ActivitySourceName, "Npgsql"], [MessageMetrics.DurationName]);
        var test = new Activity("test").Start();

        await app.CreateProjectAsync(withEvidence: false);

        test.Stop();
        var spans = recorder.Stopped.Where(a => a.TraceId == test.TraceId).ToList();
        var create = Assert.Single(spans, a => a.Source.Name == Telemetry.ActivitySourceName && a.DisplayName == nameof(CreateProjectCommand));
        Assert.Equal(ActivityStatusCode.Unset, create.Status);
        Assert.Contains(spans, a => a.Source.Name == "Npgsql" && Ancestors(a).Contains(create));
        Assert.Contains(spans, a => a.Source.Name == Telemetry.ActivitySourceName && a.DisplayName == "ProjectBoardQuery");
        var duration = Assert.Single(recorder.Measurements(MessageMetrics.DurationName), m => Equals(m.Tags["message"], nameof(CreateProjectCommand)));
        Assert.InRange(duration.Value, 0.000_001, create.Duration.TotalSeconds);
        Assert.False(duration.Tags.ContainsKey("error.type"));
    }

    [Fact]
    public async Task A_refused_command_is_an_error_span_with_the_exception_and_its_duration_names_the_error()
    {
        using var recorder = new TelemetryRecorder(app.Services, [Telemetry.ActivitySourceName], [MessageMetrics.DurationName]);
        var test = new Activity("test").Start();

        await Assert.ThrowsAsync<Application.Common.Exceptions.ValidationException>(() =>
            app.SendAsync(new CreateProjectCommand { Name = "", Key = Keys.Next(), Objective = "", TargetDate = DateOnly.FromDateTime(DateTime.UtcNow) }));

        test.Stop();
        var span = Assert.Single(recorder.Stopped, a => a.TraceId == test.TraceId);
        Assert.Equal(nameof(CreateProjectCommand), span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("ValidationException", span.GetTagItem("error.type"));
        Assert.Contains(span.Events, e => e.Name == "exception");
        Assert.Contains(recorder.Measurements(MessageMetrics.DurationName), m =>
            Equals(m.Tags["message"], nameof(CreateProjectCommand)) && Equals(m.Tags["error.type"], "ValidationException"));
    }

    [Fact]
    public async Task The_change_feed_counts_the_notices_it_hands_out_by_scope_and_times_the_hand_out()
    {
        using var recorder = new TelemetryRecorder(
            app.Services,
            [],
            [PostgresChangeFeed.NoticesMetric, PostgresChangeFeed.DispatchDurationMetric, PostgresChangeFeed.SubscribersMetric]);
        var heard = 0;
        using var subscription = app.Services.GetRequiredService<IChangeFeed>().Subscribe(notice => Interlocked.Increment(ref heard));

        await app.CreateProjectAsync(withEvidence: false);

        await Eventually.TrueAsync(() => Volatile.Read(ref heard) > 0
            && recorder.Measurements(PostgresChangeFeed.NoticesMetric).Any(m => Equals(m.Tags["scope"], "project")));
        Assert.Contains(recorder.Measurements(PostgresChangeFeed.DispatchDurationMetric), m => Equals(m.Tags["scope"], "project") && m.Value >= 0);
        // This test's subscriber, the webhook worker's and the dashboards' at least.
        Assert.True(recorder.Measurements(PostgresChangeFeed.SubscribersMetric)[^1].Value >= 3);
    }

    [Fact]
    public async Task The_webhook_queue_gauge_counts_the_events_not_yet_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => 503;
        var board = await app.CreateProjectAsync(withEvidence: false);
        await app.SubscribeAsync(board.Id, receiver.Url);
        await receiver.NextAsync(_ => true);

        // Listening from now on: the worker counts on its next round.
        using var recorder = new TelemetryRecorder(app.Services, [], [WebhookDispatcher.PendingMetric]);

        await Eventually.TrueAsync(() => recorder.Measurements(WebhookDispatcher.PendingMetric).Any(m => m.Value >= 1));
    }

    [Fact]
    public void Without_an_otlp_endpoint_no_OpenTelemetry_SDK_is_registered()
    {
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    internal static IEnumerable<Activity> Ancestors(Activity activity)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            yield return parent;
        }
    }
}

using System.Diagnostics;
using DsProcess.Application.Common.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace DsProcess.Application.Common.Behaviours;

/// <summary>
/// Logs every command and query with its outcome and elapsed time, and warns when one is slow; traces it as a span
/// named after the message (source <see cref="Telemetry.ActivitySourceName"/>) and records its duration
/// (<see cref="MessageMetrics"/>), both only while something listens. The outermost behaviour, so the span holds the
/// authorization, validation and handler with their SQL, and the log lines carry its trace id.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, MessageMetrics metrics)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(500);

    private static readonly string Name = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var name = Name;
        using var activity = Telemetry.Messages.StartActivity(name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Record(name, elapsed, error: null);
            if (elapsed > SlowThreshold)
            {
                LogSlow(name, elapsed.TotalMilliseconds);
            }
            else
            {
                LogHandled(name, elapsed.TotalMilliseconds);
            }

            return response;
        }
        catch (Exception ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var error = ex.GetType().Name;
            metrics.Record(name, elapsed, error);
            if (activity is not null)
            {
                // A refusal (validation, access, conflict) is an outcome the caller sees as an error: the span says so.
                activity.SetStatus(ActivityStatusCode.Error, error);
                activity.SetTag("error.type", error);
                activity.AddException(ex);
            }

            LogRefused(name, error, ex.Message, elapsed.TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} was slow: {ElapsedMs:0.0} ms")]
    private partial void LogSlow(string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} refused with {Error} after {ElapsedMs:0.0} ms: {Reason}")]
    private partial void LogRefused(string message, string error, string reason, double elapsedMs);
}

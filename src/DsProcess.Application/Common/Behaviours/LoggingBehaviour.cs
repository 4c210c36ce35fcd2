using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace DsProcess.Application.Common.Behaviours;

/// <summary>Logs every command and query with its outcome and elapsed time; warns when one is slow.</summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(500);

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
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
            LogRefused(name, ex.GetType().Name, ex.Message, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
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

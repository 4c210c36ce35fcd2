using DsProcess.Application.Common.Exceptions;
using Mediator;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DsProcess.Infrastructure.Data;

/// <summary>Tells a database that cannot be reached (down, restarting, unreachable) from one that refused a statement.</summary>
public static class DatabaseOutage
{
    public static bool Is(Exception? exception) => exception switch
    {
        null => false,
        DatabaseUnavailableException or RetryLimitExceededException or TimeoutException => true,
        // Connection failures (class 08), the server shutting down or starting up (57P01-57P03), no connection slots (53300).
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        // No answer from the server at all: refused, reset or timed out.
        NpgsqlException npgsql => npgsql.IsTransient || Is(npgsql.InnerException),
        _ => Is(exception.InnerException),
    };
}

/// <summary>
/// Turns an outage into <see cref="DatabaseUnavailableException"/>, so every screen and endpoint says the same clear
/// thing, whichever query or command met it.
/// </summary>
public sealed class DatabaseOutageBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not DatabaseUnavailableException && DatabaseOutage.Is(ex))
        {
            throw new DatabaseUnavailableException(ex);
        }
    }
}

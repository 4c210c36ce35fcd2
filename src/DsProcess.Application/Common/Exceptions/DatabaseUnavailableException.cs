namespace DsProcess.Application.Common.Exceptions;

/// <summary>The database could not be reached (down, restarting, unreachable); nothing was read or saved.</summary>
public sealed class DatabaseUnavailableException(Exception inner) : Exception(UserMessage, inner)
{
    public const string UserMessage =
        "The database is unavailable right now, so nothing was loaded or saved. Please try again in a moment.";
}

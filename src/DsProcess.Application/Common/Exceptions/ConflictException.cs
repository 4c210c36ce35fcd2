namespace DsProcess.Application.Common.Exceptions;

/// <summary>Someone else changed the same thing first; nothing was saved.</summary>
public sealed class ConflictException(string message) : Exception(message)
{
    public const string StaleEdit =
        "Someone else changed this while you were looking at it. Nothing was saved; the latest version is shown so you can try again.";
}

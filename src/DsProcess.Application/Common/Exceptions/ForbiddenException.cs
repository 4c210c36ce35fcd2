namespace DsProcess.Application.Common.Exceptions;

/// <summary>The current user may not do this; nothing was changed.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

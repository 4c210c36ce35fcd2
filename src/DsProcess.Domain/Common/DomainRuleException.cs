namespace DsProcess.Domain.Common;

/// <summary>Thrown when a command would break a rule of the domain; nothing is changed.</summary>
public sealed class DomainRuleException(string message) : Exception(message);

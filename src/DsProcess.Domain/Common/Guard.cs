namespace DsProcess.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainRuleException($"{field} is required.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException($"{field} must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public static string OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length > maxLength
            ? throw new DomainRuleException($"{field} must be at most {maxLength} characters.")
            : trimmed;
    }

    public static void DateRange(DateOnly? start, DateOnly? end, string what)
    {
        if (start is { } s && end is { } e && e < s)
        {
            throw new DomainRuleException($"{what} cannot end before it starts.");
        }
    }
}

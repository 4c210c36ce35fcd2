using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Gates;

/// <summary>One exit criterion of a phase's gate; every required one must be met before the gate can be submitted.</summary>
public sealed class GateCriterion : IGateCriterionFacts
{
    private GateCriterion()
    {
    }

    internal GateCriterion(int number, string text, bool isRequired)
    {
        Number = number;
        Text = text;
        IsRequired = isRequired;
    }

    public int Number { get; private set; }

    public string Text { get; private set; } = "";

    public bool IsRequired { get; private set; }

    public bool IsMet { get; private set; }

    public string? MetBy { get; private set; }

    public DateTimeOffset? MetAt { get; private set; }

    internal void Set(bool met, string by, DateTimeOffset at)
    {
        IsMet = met;
        MetBy = met ? by : null;
        MetAt = met ? at : null;
    }
}

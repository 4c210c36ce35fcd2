namespace DsProcess.Domain.Projects;

/// <summary>An exit criterion of a task; required items must be ticked before the task can be Done.</summary>
public sealed class ChecklistItem
{
    private ChecklistItem()
    {
    }

    internal ChecklistItem(int number, string text, bool isRequired)
    {
        Number = number;
        Text = text;
        IsRequired = isRequired;
    }

    /// <summary>Position-independent identity of the item within its task (1, 2, 3...).</summary>
    public int Number { get; private set; }

    public string Text { get; private set; } = "";

    public bool IsRequired { get; private set; }

    public bool IsDone { get; private set; }

    public string? DoneBy { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    internal void Tick(string by, DateTimeOffset at)
    {
        IsDone = true;
        DoneBy = by;
        DoneAt = at;
    }

    internal void Untick()
    {
        IsDone = false;
        DoneBy = null;
        DoneAt = null;
    }
}

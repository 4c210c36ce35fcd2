namespace DsProcess.Domain.Notifications;

public enum NotificationKind
{
    HandoffToYou = 1,
    GateToDecide = 2,
    GateDecided = 3,
    TaskAssigned = 4,
}

/// <summary>Something that needs one person's attention, shown under the bell until they read it.</summary>
public sealed class Notification
{
    private Notification()
    {
    }

    public Notification(Guid recipientId, NotificationKind kind, Guid? projectId, string text, string link, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        RecipientId = recipientId;
        Kind = kind;
        ProjectId = projectId;
        Text = text.Length > 500 ? text[..500] : text;
        Link = link;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public Guid? ProjectId { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>Where the thing is, relative to the app (e.g. /projects/CHURN?task=…).</summary>
    public string Link { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}

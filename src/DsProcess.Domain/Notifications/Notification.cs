using DsProcess.Domain.Common;

namespace DsProcess.Domain.Notifications;

public enum NotificationKind
{
    HandoffToYou = 1,
    GateToDecide = 2,
    GateDecided = 3,
    TaskAssigned = 4,
    ModelMeetsTargets = 5,
    WebhookPaused = 6,
    AlertOpened = 7,
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
        // A notification points to the thing (its link shows all of it), so long text is cut to fit.
        Text = Limits.Clip(text, Limits.NotificationText);
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

    /// <summary>How it goes out by e-mail, as its recipient had chosen when it was made.</summary>
    public EmailChoice Email { get; private set; }

    /// <summary>When a daily digest took it (for <see cref="EmailChoice.Digest"/>).</summary>
    public DateTimeOffset? DigestedAt { get; private set; }

    public void SendBy(EmailChoice choice) => Email = choice;

    public void Digested(DateTimeOffset at) => DigestedAt ??= at;
}

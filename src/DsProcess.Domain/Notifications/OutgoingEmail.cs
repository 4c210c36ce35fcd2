using DsProcess.Domain.Common;

namespace DsProcess.Domain.Notifications;

/// <summary>
/// An e-mail waiting to be sent (the outbox): written in the same transaction as the notification it tells of (or, for
/// a digest, with the notifications it gathers), sent by the e-mail worker, retried with growing pauses until the mail
/// server takes it, and then kept as sent.
/// </summary>
public sealed class OutgoingEmail
{
    private OutgoingEmail()
    {
    }

    public OutgoingEmail(Guid personId, string to, string subject, string textBody, string htmlBody, bool isDigest, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        PersonId = personId;
        To = to;
        Subject = Limits.Clip(subject, 200);
        TextBody = textBody;
        HtmlBody = htmlBody;
        IsDigest = isDigest;
        CreatedAt = at;
        NextAttemptAt = at;
    }

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    public string To { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string TextBody { get; private set; } = "";

    public string HtmlBody { get; private set; } = "";

    public bool IsDigest { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public string? LastError { get; private set; }
}

using DsProcess.Domain.Common;

namespace DsProcess.Domain.Notifications;

/// <summary>How a person hears of one kind of notification beside the bell.</summary>
public enum EmailChoice
{
    InApp = 0,
    Immediate = 1,
    Digest = 2,
}

/// <summary>A person's choice for one kind of notification; a kind without one uses <see cref="EmailChoices.Default"/>.</summary>
public sealed class EmailPreference
{
    private EmailPreference()
    {
    }

    public EmailPreference(Guid personId, NotificationKind kind, EmailChoice choice)
    {
        if (!EmailChoices.Kinds.Contains(kind))
        {
            throw new DomainRuleException("That kind of notification is shown in the app only.");
        }

        PersonId = personId;
        Kind = kind;
        Choose(choice);
    }

    public Guid PersonId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public EmailChoice Choice { get; private set; }

    public void Choose(EmailChoice choice) =>
        Choice = Enum.IsDefined(choice) ? choice : throw new DomainRuleException("Choose e-mail at once, a daily digest, or the app only.");
}

/// <summary>The kinds a person may also get by e-mail, and what they get until they choose.</summary>
public static class EmailChoices
{
    /// <summary>What is addressed to one person and waits for them; the rest (a model meeting its targets, a webhook paused) stays in the app.</summary>
    public static readonly IReadOnlyList<NotificationKind> Kinds =
    [
        NotificationKind.HandoffToYou,
        NotificationKind.GateToDecide,
        NotificationKind.GateDecided,
        NotificationKind.TaskAssigned,
        NotificationKind.AlertOpened,
    ];

    /// <summary>Work waiting on the person comes at once; assignments, which come in batches when a lead plans, in the digest.</summary>
    public static EmailChoice Default(NotificationKind kind) => kind switch
    {
        NotificationKind.TaskAssigned => EmailChoice.Digest,
        _ when Kinds.Contains(kind) => EmailChoice.Immediate,
        _ => EmailChoice.InApp,
    };

    public static EmailChoice Of(NotificationKind kind, IEnumerable<EmailPreference> chosen) =>
        chosen.FirstOrDefault(p => p.Kind == kind)?.Choice ?? Default(kind);
}

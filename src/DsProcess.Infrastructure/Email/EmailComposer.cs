using System.Net;
using System.Text;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.People;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Email;

/// <summary>The e-mails themselves: plain text and HTML with the same words, a link to the thing, and a way to stop them.</summary>
public sealed class EmailComposer(IOptions<EmailOptions> options, UnsubscribeLinks unsubscribe)
{
    public static string TitleOf(NotificationKind kind) => kind switch
    {
        NotificationKind.HandoffToYou => "Work handed to you",
        NotificationKind.GateToDecide => "Gates for you to decide",
        NotificationKind.GateDecided => "Decisions on your submissions",
        NotificationKind.TaskAssigned => "Tasks assigned to you",
        NotificationKind.AlertOpened => "Alerts",
        _ => "Notifications",
    };

    public OutgoingEmail Immediate(Person person, Notification notification, DateTimeOffset at)
    {
        var link = Absolute(notification.Link);
        var stop = unsubscribe.For(person.Id, notification.Kind);
        var text = $"""
            {notification.Text}

            Open it: {link}

            --
            You get this e-mail because of your DsProcess notification settings ("{TitleOf(notification.Kind)}": at once).
            Stop these e-mails: {stop}
            Change them on your profile: {Absolute("/profile")}
            """;
        var html = Page(
            $"<p style=\"font-size:15px\">{Encode(notification.Text)}</p><p><a href=\"{Encode(link)}\">Open it in DsProcess</a></p>",
            $"You get this e-mail because of your DsProcess notification settings (“{Encode(TitleOf(notification.Kind))}”: at once). <a href=\"{Encode(stop)}\">Stop these e-mails</a> · <a href=\"{Encode(Absolute("/profile"))}\">Change your settings</a>");
        return new OutgoingEmail(person.Id, person.Email, notification.Text, text, html, isDigest: false, at);
    }

    public OutgoingEmail Digest(Person person, IReadOnlyList<Notification> notifications, DateTimeOffset at)
    {
        var groups = notifications.GroupBy(n => n.Kind).OrderBy(g => EmailChoices.Kinds.ToList().IndexOf(g.Key)).ToList();
        var text = new StringBuilder($"Your DsProcess digest: {notifications.Count} notification{(notifications.Count == 1 ? "" : "s")} since the last one.\n");
        var html = new StringBuilder($"<p style=\"font-size:15px\">Your DsProcess digest: {notifications.Count} notification{(notifications.Count == 1 ? "" : "s")} since the last one.</p>");
        foreach (var group in groups)
        {
            text.Append(CultureInvariant($"\n{TitleOf(group.Key)} ({group.Count()})\n"));
            html.Append(CultureInvariant($"<h2 style=\"font-size:16px;margin:16px 0 4px\">{Encode(TitleOf(group.Key))} ({group.Count()})</h2><ul>"));
            foreach (var notification in group.OrderBy(n => n.CreatedAt))
            {
                text.Append(CultureInvariant($"- {notification.Text}\n  {Absolute(notification.Link)}\n"));
                html.Append(CultureInvariant($"<li><a href=\"{Encode(Absolute(notification.Link))}\">{Encode(notification.Text)}</a></li>"));
            }

            html.Append("</ul>");
        }

        var stops = groups.Select(g => (Kind: g.Key, Link: unsubscribe.For(person.Id, g.Key))).ToList();
        text.Append("\n--\nYou get this digest because of your DsProcess notification settings.\n");
        foreach (var (kind, link) in stops)
        {
            text.Append(CultureInvariant($"Stop e-mails about \"{TitleOf(kind)}\": {link}\n"));
        }

        text.Append(CultureInvariant($"Change them on your profile: {Absolute("/profile")}\n"));
        var footer = "You get this digest because of your DsProcess notification settings. "
            + string.Join(" · ", stops.Select(s => $"<a href=\"{Encode(s.Link)}\">Stop e-mails about “{Encode(TitleOf(s.Kind))}”</a>"))
            + $" · <a href=\"{Encode(Absolute("/profile"))}\">Change your settings</a>";
        return new OutgoingEmail(person.Id, person.Email, $"DsProcess digest: {notifications.Count} notification{(notifications.Count == 1 ? "" : "s")}", text.ToString(), Page(html.ToString(), footer), isDigest: true, at);
    }

    private string Absolute(string path) => $"{options.Value.BaseUrl.TrimEnd('/')}{path}";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Page(string body, string footer) =>
        $"<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:Roboto,Segoe UI,Helvetica,Arial,sans-serif;color:#1f1f1f\">{body}"
        + $"<hr style=\"border:none;border-top:1px solid #ddd;margin:24px 0 8px\"><p style=\"font-size:12px;color:#555\">{footer}</p></body></html>";
}

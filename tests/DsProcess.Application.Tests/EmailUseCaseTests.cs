using DsProcess.Application.Notifications.Commands.SetEmailPreferences;
using DsProcess.Application.Notifications.Queries.MyEmailPreferences;
using DsProcess.Application.Tasks.Commands.AssignTask;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DsProcess.Application.Tests;

/// <summary>E-mail notifications, sent over SMTP to a real server started in the test, on PostgreSQL.</summary>
public sealed class EmailUseCaseTests(EmailAppFixture app) : IClassFixture<EmailAppFixture>
{
    [Fact]
    public async Task An_assignment_chosen_at_once_arrives_as_text_and_html_with_its_link_and_a_way_to_stop_it()
    {
        var (board, person) = await TeamAsync("Ines Immediate");
        await app.SendAsync(new SetEmailPreferenceCommand(NotificationKind.TaskAssigned, EmailChoice.Immediate), person);

        var task = await AssignAsync(board.Key, "Data collection", person.Id);

        var mail = await ArrivedAsync(person.Email);
        Assert.Contains("Data collection", mail.Subject, StringComparison.Ordinal);
        var link = $"https://dsprocess.test/projects/{board.Key}?task={task}";
        Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link}\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(("DsProcess", "dsprocess@test.local"), (mail.From.Mailboxes.Single().Name, mail.From.Mailboxes.Single().Address));

        // The unsubscribe link names this person and this kind, signed: it works without signing in, for nobody else.
        var token = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"/Account/Unsubscribe\?token=(\S+)").Groups[1].Value;
        var links = app.Services.GetRequiredService<UnsubscribeLinks>();
        Assert.Equal((person.Id, NotificationKind.TaskAssigned), links.Read(token));
        Assert.Null(links.Read(token[..^2] + "xx"));
    }

    [Fact]
    public async Task Digest_notifications_arrive_once_a_day_in_one_email_grouped_by_kind()
    {
        var (board, person) = await TeamAsync("Dora Digest");
        Assert.Equal(EmailChoice.Digest, (await app.SendAsync(new MyEmailPreferencesQuery(), person)).Single(p => p.Kind == NotificationKind.TaskAssigned).Choice);
        await AssignAsync(board.Key, "Data collection", person.Id);
        await AssignAsync(board.Key, "Data preprocessing", person.Id);
        Assert.Empty(await OutboxOfAsync(person.Id));

        // Made yesterday, so today's digest (due from midnight UTC in this app) takes them.
        await app.WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == person.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.CreatedAt, n => n.CreatedAt.AddDays(-1))));

        var digest = await ArrivedAsync(person.Email);
        Assert.Equal("DsProcess digest: 2 notifications", digest.Subject);
        Assert.Contains("Tasks assigned to you (2)", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Data collection", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Data preprocessing", digest.HtmlBody, StringComparison.Ordinal);
        var outbox = Assert.Single(await OutboxOfAsync(person.Id));
        Assert.True(outbox.IsDigest);
        Assert.All(await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.RecipientId == person.Id).ToListAsync()), n => Assert.NotNull(n.DigestedAt));
    }

    [Fact]
    public async Task A_send_the_server_refuses_is_tried_again_and_arrives_once()
    {
        var (board, person) = await TeamAsync("Rita Retry");
        await app.SendAsync(new SetEmailPreferenceCommand(NotificationKind.TaskAssigned, EmailChoice.Immediate), person);
        app.Smtp.RefuseNext(2);

        await AssignAsync(board.Key, "Data collection", person.Id);

        await ArrivedAsync(person.Email);
        // The server has the message a moment before the worker records that it was sent.
        await Eventually.TrueAsync(async () => (await OutboxOfAsync(person.Id)).Any(e => e.SentAt is not null));
        var sent = Assert.Single(await OutboxOfAsync(person.Id));
        Assert.Equal((3, null), (sent.Attempts, sent.LastError));
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == person.Email));
    }

    [Fact]
    public async Task Two_senders_at_once_send_each_email_once()
    {
        var (board, person) = await TeamAsync("Tess Twice");
        await app.SendAsync(new SetEmailPreferenceCommand(NotificationKind.TaskAssigned, EmailChoice.Immediate), person);
        var titles = (await app.BoardAsync(board.Key)).Tasks.Where(t => t.ResponsibleRole == ProjectRole.DataEngineer).Select(t => t.Title).ToList();
        foreach (var title in titles)
        {
            await AssignAsync(board.Key, title, person.Id);
        }

        // The app's own worker runs meanwhile: three senders in all.
        var worker = app.Services.GetRequiredService<EmailWorker>();
        await Task.WhenAll(worker.SendDueAsync(CancellationToken.None), worker.SendDueAsync(CancellationToken.None));

        await Eventually.TrueAsync(() => app.Smtp.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == person.Email)) >= titles.Count);
        var mine = app.Smtp.Received.Where(m => m.To.Mailboxes.Any(a => a.Address == person.Email)).ToList();
        Assert.Equal(titles.Count, mine.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(titles.Count, mine.Count);
    }

    [Fact]
    public async Task In_the_app_only_writes_no_email_and_an_unknown_kind_is_refused()
    {
        var (board, person) = await TeamAsync("Ana App");
        await app.SendAsync(new SetEmailPreferenceCommand(NotificationKind.TaskAssigned, EmailChoice.InApp), person);

        await AssignAsync(board.Key, "Data collection", person.Id);

        Assert.Empty(await OutboxOfAsync(person.Id));
        Assert.Equal(EmailChoice.InApp, (await app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.RecipientId == person.Id))).Email);
        await Assert.ThrowsAsync<Common.Exceptions.ValidationException>(() =>
            app.SendAsync(new SetEmailPreferenceCommand(NotificationKind.WebhookPaused, EmailChoice.Immediate), person));
        await app.SendAsync(new SetEmailPreferenceCommand(NotificationKind.TaskAssigned, EmailChoice.InApp), person);
        var logged = await app.WithDbAsync(db => db.Activity.AsNoTracking()
            .Where(a => a.Kind == ActivityKind.EmailChoiceChanged && a.ActorId == person.Id).ToListAsync());
        // Recorded once, with who and what, from the default (the digest for assignments); choosing it again changes nothing.
        Assert.Equal(("Ana App", "TaskAssigned: Digest", "TaskAssigned: InApp"), (Assert.Single(logged).Subject, logged[0].From, logged[0].To));
    }

    private async Task<(Projects.Queries.ProjectBoard.ProjectBoardDto Board, TestPerson Person)> TeamAsync(string name)
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        return (board, await app.CreateMemberAsync(board.Id, name, ProjectRole.DataEngineer));
    }

    private async Task<Guid> AssignAsync(string key, string title, Guid personId)
    {
        var task = await app.TaskAsync(key, title);
        await app.SendAsync(new AssignTaskCommand(task.Id, task.Version, personId));
        return task.Id;
    }

    private Task<List<OutgoingEmail>> OutboxOfAsync(Guid personId) =>
        app.WithDbAsync(db => db.OutgoingEmails.AsNoTracking().Where(e => e.PersonId == personId).ToListAsync());

    private async Task<MimeMessage> ArrivedAsync(string address)
    {
        await Eventually.TrueAsync(() => app.Smtp.Received.Any(m => m.To.Mailboxes.Any(a => a.Address == address)));
        return app.Smtp.Received.Single(m => m.To.Mailboxes.Any(a => a.Address == address));
    }
}

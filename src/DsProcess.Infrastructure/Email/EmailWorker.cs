using DsProcess.Domain.Notifications;
using DsProcess.Infrastructure.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DsProcess.Infrastructure.Email;

/// <summary>
/// Writes the daily digests and sends the outbox's e-mails over SMTP. Both claim their rows with <c>FOR UPDATE SKIP
/// LOCKED</c>, so two app instances never digest the same notification or send the same e-mail; an e-mail is also leased
/// while it is being sent, and marked sent only under its lease. A failed send is tried again after a pause that doubles
/// each time (up to an hour): nothing is dropped. If the server took an e-mail but the app stopped before marking it,
/// it is sent again after the lease: its Message-ID stays the same, so mail systems can tell.
/// </summary>
public sealed partial class EmailWorker(
    IServiceScopeFactory scopes,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<EmailWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private const int BatchSize = 20;

    private EmailOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WriteDigestsAsync(stoppingToken);
                while (await SendDueAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database is away, most likely; leased e-mails go back when their lease runs out.
                LogRoundFailed(ex);
            }

            await Task.Delay(Options.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The last digest time that has passed: today at the digest hour, or yesterday's.</summary>
    public static DateTimeOffset LastDigestTime(DateTimeOffset now, int hour)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date.AddHours(hour), TimeSpan.Zero);
        return today <= now ? today : today.AddDays(-1);
    }

    /// <summary>One digest per person for the digest notifications made before the last digest time.</summary>
    public async Task WriteDigestsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var composer = scope.ServiceProvider.GetRequiredService<EmailComposer>();
        // Only notifications routed to the digest when they were saved (EmailOutbox) are gathered; with e-mail off none are.
        var now = clock.GetUtcNow();
        var cutoff = LastDigestTime(now, Options.DigestHourUtc);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var due = await db.Notifications
                .FromSql($"""
                    SELECT * FROM notifications
                    WHERE email = {(int)EmailChoice.Digest} AND digested_at IS NULL AND created_at < {cutoff}
                    ORDER BY recipient_id, created_at
                    LIMIT 1000
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(ct);
            if (due.Count == 0)
            {
                return;
            }

            var ids = due.Select(n => n.RecipientId).Distinct().ToList();
            var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            foreach (var group in due.GroupBy(n => n.RecipientId))
            {
                foreach (var notification in group)
                {
                    notification.Digested(now);
                }

                if (people.TryGetValue(group.Key, out var person) && person.IsActive)
                {
                    db.OutgoingEmails.Add(composer.Digest(person, [.. group], now));
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    /// <summary>Sends the e-mails that are due; returns how many were claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var lease = Guid.NewGuid();
        var claimed = await db.Database.SqlQuery<ClaimedEmail>($"""
            WITH due AS (
                SELECT id FROM outgoing_emails
                WHERE sent_at IS NULL AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until <= now())
                ORDER BY next_attempt_at, id
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED)
            UPDATE outgoing_emails o SET locked_until = now() + {Lease}, lease_token = {lease}
            FROM due WHERE o.id = due.id
            RETURNING o.id, o."to", o.subject, o.text_body, o.html_body, o.attempts
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        using var client = new SmtpClient();
        string? connectError = null;
        try
        {
            await client.ConnectAsync(Options.SmtpHost, Options.SmtpPort, Options.UseTls ? SecureSocketOptions.Auto : SecureSocketOptions.None, cancellationToken);
            if (Options.UserName.Length > 0)
            {
                await client.AuthenticateAsync(Options.UserName, Options.Password, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            connectError = ex.Message;
        }

        foreach (var email in claimed)
        {
            var error = connectError;
            if (error is null)
            {
                try
                {
                    await client.SendAsync(Message(email), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    error = ex.Message;
                }
            }

            if (error is null)
            {
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE outgoing_emails SET sent_at = now(), attempts = attempts + 1, locked_until = NULL, last_error = NULL WHERE id = {email.Id} AND lease_token = {lease}",
                    cancellationToken);
            }
            else
            {
                var pause = TimeSpan.FromTicks(Math.Min(Options.BackoffBase.Ticks * (1L << Math.Min(email.Attempts, 20)), TimeSpan.FromHours(1).Ticks));
                LogSendFailed(email.Id, email.Attempts + 1, pause, error);
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE outgoing_emails SET attempts = attempts + 1, next_attempt_at = now() + {pause}, locked_until = NULL, last_error = {Domain.Common.Limits.Clip(error, 500)} WHERE id = {email.Id} AND lease_token = {lease}",
                    cancellationToken);
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }

        return claimed.Count;
    }

    private MimeMessage Message(ClaimedEmail email)
    {
        var message = new MimeMessage
        {
            // The same id on every attempt: a mail system that got it once can drop a repeat.
            MessageId = $"{email.Id:N}@dsprocess",
            Subject = email.Subject,
            Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(Options.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary>A claimed outbox row.</summary>
    private sealed record ClaimedEmail(Guid Id, string To, string Subject, string TextBody, string HtmlBody, int Attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An e-mail round failed; it is tried again shortly")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {EmailId} was not sent (attempt {Attempt}); trying again in {Pause}: {Error}")]
    private partial void LogSendFailed(Guid emailId, int attempt, TimeSpan pause, string error);
}

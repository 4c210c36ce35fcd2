namespace DsProcess.Infrastructure.Email;

/// <summary>E-mail notification settings, under <c>DsProcess:Email</c>. Without an SMTP host no e-mail is written or sent.</summary>
public sealed class EmailOptions
{
    public const string Section = "DsProcess:Email";

    /// <summary>The mail server; empty switches e-mail off (notifications stay in the app).</summary>
    public string SmtpHost { get; set; } = "";

    public int SmtpPort { get; set; } = 587;

    /// <summary>Use TLS: <c>true</c> (STARTTLS or TLS on connect, as the port suggests), or <c>false</c> for a server on the local network.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Sign in to the server with these; empty sends without signing in.</summary>
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>The sender, e.g. <c>DsProcess &lt;dsprocess@example.com&gt;</c>.</summary>
    public string From { get; set; } = "DsProcess <dsprocess@localhost>";

    /// <summary>Where people open the app, for the links in e-mails, e.g. <c>https://dsprocess.example.com</c>.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>The hour (UTC) the daily digest is written.</summary>
    public int DigestHourUtc { get; set; } = 7;

    /// <summary>How often the worker looks for e-mails to send and digests to write.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after the first failed send; it doubles with each failure, up to an hour.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(SmtpHost);
}

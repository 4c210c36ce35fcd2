using System.Diagnostics;

namespace DsProcess.Tests;

/// <summary>
/// Counts the SQL commands Npgsql sends to one database while it is alive, from the code that created it and what
/// that code awaits (not the app's background work on the same database): a measure of round trips. With
/// <c>anyCode</c>, also commands sent elsewhere in the process (an HTTP request served by the app in memory, which does
/// not flow the caller's async context); the caller then leaves out the background work itself.
/// <para>
/// It listens to Npgsql's tracing (one activity per command or batch sent), which every connection reports however
/// its <c>DbContext</c> was made: a pooled context keeps the EF Core diagnostics it started with.
/// </para>
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    private static readonly AsyncLocal<SqlCommandCounter?> Counting = new();

    private readonly string _database;
    private readonly bool _anyCode;
    private readonly ActivityListener _listener;
    private readonly List<string> _commands = [];

    public SqlCommandCounter(string database, bool anyCode = false)
    {
        _database = database;
        _anyCode = anyCode;
        Counting.Value = this;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // Started in the sender's async context; its tags (the database, the text) are set after the start.
            ActivityStarted = activity =>
            {
                if (_anyCode || Counting.Value == this)
                {
                    activity.SetCustomProperty(nameof(SqlCommandCounter), this);
                }
            },
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Activity activity)
    {
        if (activity.GetCustomProperty(nameof(SqlCommandCounter)) != this
            || (activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name")) as string != _database
            || (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is not string text)
        {
            return;
        }

        lock (_commands)
        {
            _commands.Add(text);
        }
    }
}

using System.Diagnostics;

namespace DsProcess.Tests;

/// <summary>
/// Counts the SQL commands Npgsql sends to one database while it is alive, from the code that created it and what
/// that code awaits (not the app's background work on the same database): a measure of round trips. With
/// <c>requests</c>, the commands sent while serving an HTTP request instead (the app served in memory does not flow the
/// caller's async context): those whose activity descends from ASP.NET Core's request activity, so the background
/// work (dashboard refreshes, webhook deliveries) woken by the request's change is not counted.
/// <para>
/// It listens to Npgsql's tracing (one activity per command or batch sent), which every connection reports however
/// its <c>DbContext</c> was made: a pooled context keeps the EF Core diagnostics it started with.
/// </para>
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    private const string AspNetCore = "Microsoft.AspNetCore";

    private static readonly AsyncLocal<SqlCommandCounter?> Counting = new();

    private readonly string _database;
    private readonly bool _requests;
    private readonly ActivityListener _listener;
    private readonly List<string> _commands = [];

    public SqlCommandCounter(string database, bool requests = false)
    {
        _database = database;
        _requests = requests;
        Counting.Value = this;
        _listener = new ActivityListener
        {
            // Listening to ASP.NET Core makes it start an activity per request, the parent of the request's commands.
            ShouldListenTo = source => source.Name == "Npgsql" || (requests && source.Name == AspNetCore),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // Started in the sender's async context; its tags (the database, the text) are set after the start.
            ActivityStarted = activity =>
            {
                if (activity.Source.Name == "Npgsql" && (_requests ? InRequest(activity) : Counting.Value == this))
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

    private static bool InRequest(Activity activity)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Source.Name == AspNetCore)
            {
                return true;
            }
        }

        return false;
    }

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

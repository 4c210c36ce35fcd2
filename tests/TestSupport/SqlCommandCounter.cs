using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DsProcess.Tests;

/// <summary>
/// Counts the SQL commands EF Core sends to one database while it is alive, from the code that created it and what
/// that code awaits (not the app's background work on the same database): a measure of round trips. With
/// <c>anyCode</c>, also commands sent elsewhere in the process (an HTTP request served by the app in memory, which does
/// not flow the caller's async context); the caller then leaves out the background work itself.
/// </summary>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<SqlCommandCounter?> Counting = new();

    private readonly string _database;
    private readonly bool _anyCode;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<string> _commands = [];

    public SqlCommandCounter(string database, bool anyCode = false)
    {
        _database = database;
        _anyCode = anyCode;
        Counting.Value = this;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
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

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            _subscriptions.Add(listener.Subscribe(this));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name
            && value.Value is CommandExecutedEventData data
            && data.Command.Connection?.Database == _database
            && (_anyCode || Counting.Value == this))
        {
            lock (_commands)
            {
                _commands.Add(data.Command.CommandText);
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}

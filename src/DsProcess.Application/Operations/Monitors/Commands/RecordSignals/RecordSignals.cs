using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Operations.Monitors.ReworkSweep;
using DsProcess.Application.Teams;
using DsProcess.Domain.Common;
using DsProcess.Domain.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Monitors.Commands.RecordSignals;

/// <summary>A measurement of the monitor's metric: its value and when it was measured (UTC).</summary>
public sealed record SignalInput(double Value, DateTimeOffset At);

/// <summary>
/// One or many signals for a monitor, judged in order of their time (whatever the order sent): a breach opens one
/// alert per episode (its people are told), the first later signal within the threshold closes it, and a signal
/// older than the monitor's latest is kept as history only. A breach that has lasted the monitor's rework time,
/// untriaged, opens rework by itself. Signals are data, not activity: only what they cause (alerts opened and closed,
/// rework) is in the activity log. <see cref="ProjectId"/>, when given (the API's project key), must be the monitor's.
/// </summary>
public sealed record RecordSignalsCommand(Guid MonitorId, IReadOnlyList<SignalInput> Signals, Guid? ProjectId = null) : ICommand<SignalsRecorded>;

/// <param name="Recorded">Signals stored.</param>
/// <param name="Stale">Of those, the ones older than the monitor's latest signal: kept as history, judged no more.</param>
/// <param name="Breaching">Whether the monitor is in a breach episode after these signals.</param>
/// <param name="ReworkIteration">The iteration a rework opened by the monitor itself started, if it did.</param>
public sealed record SignalsRecorded(
    int Recorded,
    int Stale,
    bool Breaching,
    IReadOnlyList<Guid> AlertsOpened,
    IReadOnlyList<Guid> AlertsClosed,
    int? ReworkIteration);

public sealed class RecordSignalsCommandHandler(IAppDbContext db, Access access, Notifier notifier, TimeProvider clock)
    : ICommandHandler<RecordSignalsCommand, SignalsRecorded>
{
    /// <summary>
    /// Why a batch was refused when what it changes was saved by another request while it was judged (most often another
    /// batch for the same monitor; the concurrency tokens of the monitor, its alert and the project): said for a
    /// pipeline, which sends the batch again as it is, rather than for a person looking at a page.
    /// </summary>
    public const string SavedMeanwhile =
        "Another request for this monitor (most often another batch of its signals) was saved at the same moment. Nothing of this batch was saved; send it again as it is, with the same Idempotency-Key.";

    public async ValueTask<SignalsRecorded> Handle(RecordSignalsCommand command, CancellationToken cancellationToken)
    {
        var monitor = await db.Monitors.SingleOrDefaultAsync(
                m => m.Id == command.MonitorId && m.RemovedAt == null && (command.ProjectId == null || m.ProjectId == command.ProjectId),
                cancellationToken)
            ?? throw new NotFoundException("Monitor", command.MonitorId);
        var me = await access.ToProjectAsync(monitor.ProjectId, cancellationToken);
        me.EnsureCanRecordSignals();
        var current = monitor.CurrentAlertId is { } alertId ? await db.Alerts.SingleAsync(a => a.Id == alertId, cancellationToken) : null;

        var now = clock.GetUtcNow();
        var opened = new List<Alert>();
        var closed = new List<Alert>();
        var stale = 0;
        foreach (var input in command.Signals.OrderBy(s => s.At))
        {
            var judged = monitor.Judge(input.Value, input.At, current, me.Actor, now);
            db.Signals.Add(judged.Signal);
            stale += judged.Newest ? 0 : 1;
            if (judged.Opened is { } alert)
            {
                db.Alerts.Add(alert);
                opened.Add(alert);
                current = alert;
            }
            else if (judged.Closed is { } ended)
            {
                closed.Add(ended);
                current = null;
            }
        }

        int? reworkIteration = null;
        if (monitor.IsDueForRework(current, now))
        {
            reworkIteration = await db.OpenMonitorReworkAsync(monitor, current!, now, cancellationToken);
        }

        await db.NotifyAlertsOpenedAsync(notifier, monitor.ProjectId, opened, me.Token is { IsService: true } ? null : me.Person.Id, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ConflictException conflict) when (conflict.Message == ConflictException.StaleEdit)
        {
            throw new ConflictException(SavedMeanwhile);
        }

        return new SignalsRecorded(
            command.Signals.Count,
            stale,
            monitor.IsBreaching,
            [.. opened.Select(a => a.Id)],
            [.. closed.Select(a => a.Id)],
            reworkIteration);
    }
}

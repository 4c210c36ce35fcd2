using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Evidence.Models.Commands.SetMetricTarget;

/// <summary>
/// Sets the project's target for a metric on a split (one per metric and split: setting it again changes it), then
/// judges every model version against the new targets. <see cref="Version"/> is the version of that target the user
/// saw, or null when they saw none: a target set or removed meanwhile by someone else is a conflict, not overwritten.
/// </summary>
public sealed record SetMetricTargetCommand(Guid ProjectId, string Metric, MetricSplit Split, TargetDirection Direction, double Threshold, uint? Version = null)
    : ICommand;

public sealed class SetMetricTargetCommandHandler(IAppDbContext db, Access access, Notifier notifier, TimeProvider clock) : ICommandHandler<SetMetricTargetCommand>
{
    public async ValueTask<Unit> Handle(SetMetricTargetCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanRegisterModels();
        var now = clock.GetUtcNow();
        var targets = await db.MetricTargets.Where(t => t.ProjectId == command.ProjectId).ToListAsync(cancellationToken);
        var key = EvidenceRules.MetricKey(command.Metric);
        var existing = targets.SingleOrDefault(t => t.Split == command.Split && EvidenceRules.MetricKey(t.Metric) == key);
        if (existing is null)
        {
            if (command.Version is not null)
            {
                throw new ConflictException(ConflictException.StaleEdit);
            }

            var target = MetricTarget.Set(command.ProjectId, command.Metric, command.Split, command.Direction, command.Threshold, me.Actor, now);
            db.MetricTargets.Add(target);
            targets.Add(target);
        }
        else
        {
            db.ExpectVersion(existing, command.Version ?? throw new ConflictException(ConflictException.StaleEdit));
            existing.Change(command.Metric, command.Split, command.Direction, command.Threshold, me.Actor, now);
        }

        await db.ReevaluateAllAsync(notifier, command.ProjectId, targets, me.Person.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

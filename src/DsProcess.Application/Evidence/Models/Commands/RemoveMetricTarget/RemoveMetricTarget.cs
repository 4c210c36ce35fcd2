using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Evidence.Models.Commands.RemoveMetricTarget;

/// <summary>Removes one of the project's targets (the log keeps what it was) and judges every model version again.</summary>
public sealed record RemoveMetricTargetCommand(Guid TargetId, uint Version) : ICommand;

public sealed class RemoveMetricTargetCommandHandler(IAppDbContext db, Access access, Notifier notifier, TimeProvider clock) : ICommandHandler<RemoveMetricTargetCommand>
{
    public async ValueTask<Unit> Handle(RemoveMetricTargetCommand command, CancellationToken cancellationToken)
    {
        var target = await db.MetricTargets.SingleOrDefaultAsync(t => t.Id == command.TargetId, cancellationToken)
            ?? throw new NotFoundException("Metric target", command.TargetId);
        var me = await access.ToProjectAsync(target.ProjectId, cancellationToken);
        me.EnsureCanRegisterModels();
        db.ExpectVersion(target, command.Version);
        target.RecordRemoved(me.Actor, clock.GetUtcNow());
        var remaining = await db.MetricTargets.Where(t => t.ProjectId == target.ProjectId && t.Id != target.Id).ToListAsync(cancellationToken);
        await db.ReevaluateAllAsync(notifier, target.ProjectId, remaining, me.Person.Id, cancellationToken);
        db.MetricTargets.Remove(target);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Kpis.Commands.RecordKpiValue;

/// <summary>
/// Records a measured value of a KPI (team lead or data scientist), measured at <see cref="At"/> (UTC; now when null,
/// never in the future). Values add up rather than overwrite, so no version is asked for; two recorded at the same
/// moment are both kept, the second retried on the row's conflict by its sender.
/// </summary>
public sealed record RecordKpiValueCommand(Guid KpiId, double Value, DateTimeOffset? At = null, string? Note = null) : ICommand;

public sealed class RecordKpiValueCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RecordKpiValueCommand>
{
    public async ValueTask<Unit> Handle(RecordKpiValueCommand command, CancellationToken cancellationToken)
    {
        var kpi = await db.Kpis.SingleOrDefaultAsync(k => k.Id == command.KpiId, cancellationToken)
            ?? throw new NotFoundException("KPI", command.KpiId);
        var me = await access.ToProjectAsync(kpi.ProjectId, cancellationToken);
        me.EnsureCanRecordKpiValues();
        var now = clock.GetUtcNow();
        kpi.RecordValue(command.Value, command.At ?? now, command.Note, me.Actor, now);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

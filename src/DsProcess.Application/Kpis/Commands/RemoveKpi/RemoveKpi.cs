using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Kpis.Commands.RemoveKpi;

/// <summary>Removes a KPI with its values (team lead); the activity log keeps what it was.</summary>
public sealed record RemoveKpiCommand(Guid KpiId, uint Version) : ICommand;

public sealed class RemoveKpiCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RemoveKpiCommand>
{
    public async ValueTask<Unit> Handle(RemoveKpiCommand command, CancellationToken cancellationToken)
    {
        var kpi = await db.Kpis.SingleOrDefaultAsync(k => k.Id == command.KpiId, cancellationToken)
            ?? throw new NotFoundException("KPI", command.KpiId);
        var me = await access.ToProjectAsync(kpi.ProjectId, cancellationToken);
        me.EnsureCanDefineKpis();
        db.ExpectVersion(kpi, command.Version);
        kpi.RecordRemoved(me.Actor, clock.GetUtcNow());
        db.Kpis.Remove(kpi);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

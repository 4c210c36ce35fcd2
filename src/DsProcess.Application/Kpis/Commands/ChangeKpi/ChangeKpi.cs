using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Kpis;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Kpis.Commands.ChangeKpi;

/// <summary>
/// Changes a KPI's definition (team lead); its latest value is judged against the new target. <see cref="Version"/> is
/// the version the user saw: a KPI changed meanwhile (also by a new value) is a conflict, not overwritten.
/// </summary>
public sealed record ChangeKpiCommand(Guid KpiId, uint Version, string Name, string? Unit, double? Baseline, double Target, TargetDirection Direction)
    : ICommand;

public sealed class ChangeKpiCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<ChangeKpiCommand>
{
    public async ValueTask<Unit> Handle(ChangeKpiCommand command, CancellationToken cancellationToken)
    {
        var kpi = await db.Kpis.SingleOrDefaultAsync(k => k.Id == command.KpiId, cancellationToken)
            ?? throw new NotFoundException("KPI", command.KpiId);
        var me = await access.ToProjectAsync(kpi.ProjectId, cancellationToken);
        me.EnsureCanDefineKpis();
        db.ExpectVersion(kpi, command.Version);
        var name = command.Name.Trim();
        if (await db.Kpis.AnyAsync(k => k.ProjectId == kpi.ProjectId && k.Id != kpi.Id && k.Name.ToUpper() == name.ToUpper(), cancellationToken))
        {
            throw new ValidationException(nameof(command.Name), $"The project already has a KPI named \"{name}\".");
        }

        kpi.Change(new KpiDefinition(command.Name, command.Unit ?? "", command.Baseline, command.Target, command.Direction), me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Kpis;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Kpis.Commands.AddKpi;

/// <summary>
/// Defines a business KPI of the project (team lead): <see cref="Direction"/> <see cref="TargetDirection.AtLeast"/> when
/// higher is better, <see cref="TargetDirection.AtMost"/> when lower is. Returns the KPI's id.
/// </summary>
public sealed record AddKpiCommand(Guid ProjectId, string Name, string? Unit, double? Baseline, double Target, TargetDirection Direction)
    : ICommand<Guid>;

public sealed class AddKpiCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<AddKpiCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddKpiCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanDefineKpis();
        var names = await db.Kpis.Where(k => k.ProjectId == command.ProjectId).Select(k => k.Name).ToListAsync(cancellationToken);
        if (names.Count >= Limits.KpisPerProject)
        {
            throw new ValidationException(nameof(command.Name), $"A project defines at most {Limits.KpisPerProject} KPIs.");
        }

        if (names.Any(n => string.Equals(n, command.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new ValidationException(nameof(command.Name), $"The project already has a KPI named \"{command.Name.Trim()}\".");
        }

        var kpi = BusinessKpi.Define(
            command.ProjectId,
            new KpiDefinition(command.Name, command.Unit ?? "", command.Baseline, command.Target, command.Direction),
            me.Actor,
            clock.GetUtcNow());
        db.Kpis.Add(kpi);
        await db.SaveChangesAsync(cancellationToken);
        return kpi.Id;
    }
}

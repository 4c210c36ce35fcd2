using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Gates.Queries.AutomaticCriteria;
using DsProcess.Application.Gates.Queries.GateHistory;
using DsProcess.Application.Kpis.Queries.ProjectKpis;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Gates.Queries.GateDetails;

/// <summary>
/// What a gate's panel shows besides the board, in one operation: the gate's history, its automatic criteria as they
/// stand now and, for the outcome review (<paramref name="WithKpis"/>), the project's business KPIs.
/// </summary>
public sealed record GateDetailsQuery(string Key, PhaseKind Phase, bool WithKpis) : IQuery<GateDetailsDto>;

public sealed record GateDetailsDto(IReadOnlyList<GateHistoryItem> History, IReadOnlyList<AutomaticCriterionDto> Automatic, IReadOnlyList<KpiRow> Kpis);

public sealed class GateDetailsQueryHandler(IAppDbContext db, Access access) : IQueryHandler<GateDetailsQuery, GateDetailsDto>
{
    public async ValueTask<GateDetailsDto> Handle(GateDetailsQuery query, CancellationToken cancellationToken)
    {
        // One access check for all three reads, where three queries made one each.
        var project = await access.ToProjectByKeyAsync(query.Key, cancellationToken);
        var history = await GateHistoryQueryHandler.ReadAsync(db, project.Id, query.Phase, cancellationToken);
        var automatic = await AutomaticCriteriaQueryHandler.ReadAsync(db, project.Id, project.Key, query.Phase, cancellationToken);
        var kpis = query.WithKpis ? await KpiRow.OfProjectAsync(db, project.Id, cancellationToken) : [];
        return new GateDetailsDto(history, automatic, kpis);
    }
}

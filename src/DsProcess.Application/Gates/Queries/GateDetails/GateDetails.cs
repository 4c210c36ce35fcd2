using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Gates.Queries.AutomaticCriteria;
using DsProcess.Application.Kpis.Queries.ProjectKpis;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Gates.Queries.GateDetails;

/// <summary>
/// What a gate's panel shows besides the board, in one operation: the gate's history, its automatic criteria as they
/// stand now and, for the outcome review (<paramref name="WithKpis"/>), the project's business KPIs.
/// </summary>
public sealed record GateDetailsQuery(string Key, PhaseKind Phase, bool WithKpis) : IQuery<GateDetailsDto>;

/// <param name="History">Every submission of the gate and its decision, newest first, across iterations.</param>
public sealed record GateDetailsDto(IReadOnlyList<GateHistoryItem> History, IReadOnlyList<AutomaticCriterionDto> Automatic, IReadOnlyList<KpiRow> Kpis);

public sealed record GateHistoryItem(
    int Iteration,
    string SubmittedByName,
    DateTimeOffset SubmittedAt,
    string? Note,
    GateDecision? Decision,
    GateOutcome? Outcome,
    string? DecidedByName,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    IReadOnlyList<EvidenceRef> ApprovedEvidence);

public sealed class GateDetailsQueryHandler(IAppDbContext db, Access access) : IQueryHandler<GateDetailsQuery, GateDetailsDto>
{
    public async ValueTask<GateDetailsDto> Handle(GateDetailsQuery query, CancellationToken cancellationToken)
    {
        // One access check for all three reads, where three queries made one each.
        var project = await access.ToProjectByKeyAsync(query.Key, cancellationToken);
        var history = await db.GateReviews.AsNoTracking()
            .Where(r => r.ProjectId == project.Id && r.Phase == query.Phase)
            .OrderByDescending(r => r.SubmittedAt)
            .Select(r => new GateHistoryItem(r.Iteration, r.SubmittedByName, r.SubmittedAt, r.Note, r.Decision, r.Outcome, r.DecidedByName, r.DecidedAt, r.DecisionReason, r.ApprovedEvidence.ToList()))
            .ToListAsync(cancellationToken);
        var automatic = await AutomaticCriteriaQueryHandler.ReadAsync(db, project.Id, project.Key, query.Phase, cancellationToken);
        var kpis = query.WithKpis ? await KpiRow.OfProjectAsync(db, project.Id, cancellationToken) : [];
        return new GateDetailsDto(history, automatic, kpis);
    }
}

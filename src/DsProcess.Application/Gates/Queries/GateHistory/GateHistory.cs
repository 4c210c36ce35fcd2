using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Gates.Queries.GateHistory;

/// <summary>Every submission of a phase's gate and its decision, newest first, across iterations.</summary>
public sealed record GateHistoryQuery(Guid ProjectId, PhaseKind Phase) : IQuery<IReadOnlyList<GateHistoryItem>>;

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

public sealed class GateHistoryQueryHandler(IAppDbContext db, Access access) : IQueryHandler<GateHistoryQuery, IReadOnlyList<GateHistoryItem>>
{
    public async ValueTask<IReadOnlyList<GateHistoryItem>> Handle(GateHistoryQuery query, CancellationToken cancellationToken)
    {
        await access.ToProjectAsync(query.ProjectId, cancellationToken);
        return await ReadAsync(db, query.ProjectId, query.Phase, cancellationToken);
    }

    internal static async Task<IReadOnlyList<GateHistoryItem>> ReadAsync(IAppDbContext db, Guid projectId, PhaseKind phase, CancellationToken cancellationToken) =>
        await db.GateReviews.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Phase == phase)
            .OrderByDescending(r => r.SubmittedAt)
            .Select(r => new GateHistoryItem(r.Iteration, r.SubmittedByName, r.SubmittedAt, r.Note, r.Decision, r.Outcome, r.DecidedByName, r.DecidedAt, r.DecisionReason, r.ApprovedEvidence.ToList()))
            .ToListAsync(cancellationToken);
}

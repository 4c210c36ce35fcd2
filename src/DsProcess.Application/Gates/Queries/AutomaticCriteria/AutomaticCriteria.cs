using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Gates.Queries.AutomaticCriteria;

/// <summary>A phase's automatic gate criteria as they stand now, each with the versions behind it or what is missing.</summary>
public sealed record AutomaticCriteriaQuery(Guid ProjectId, PhaseKind Phase) : IQuery<IReadOnlyList<AutomaticCriterionDto>>;

/// <param name="Page">Where to look at the evidence the criterion reads: the Data or the Models page (<paramref name="PageName"/>).</param>
public sealed record AutomaticCriterionDto(AutomaticCriterionKind Kind, string Text, bool IsMet, string Detail, IReadOnlyList<EvidenceLink> Evidence, string Page, string PageName);

/// <summary>A dataset or model version, with the page that shows it.</summary>
public sealed record EvidenceLink(EvidenceKind Kind, Guid Id, string Label, string Href)
{
    public static IReadOnlyList<EvidenceLink> Of(string projectKey, IEnumerable<EvidenceRef> evidence) =>
        [.. evidence.Select(e => new EvidenceLink(e.Kind, e.Id, e.Label, Links.Evidence(projectKey, e.Kind)))];
}

public sealed class AutomaticCriteriaQueryHandler(IAppDbContext db, Access access) : IQueryHandler<AutomaticCriteriaQuery, IReadOnlyList<AutomaticCriterionDto>>
{
    public async ValueTask<IReadOnlyList<AutomaticCriterionDto>> Handle(AutomaticCriteriaQuery query, CancellationToken cancellationToken)
    {
        // The standing reads the project's key with the caller's roles.
        var key = (await access.ToProjectAsync(query.ProjectId, cancellationToken)).Project?.Key
            ?? throw new NotFoundException("Project", query.ProjectId);
        return await ReadAsync(db, query.ProjectId, key, query.Phase, cancellationToken);
    }

    internal static async Task<IReadOnlyList<AutomaticCriterionDto>> ReadAsync(
        IAppDbContext db, Guid projectId, string projectKey, PhaseKind phase, CancellationToken cancellationToken)
    {
        var criteria = await db.AutomaticCriteriaAsync(projectId, await db.AutomaticCriteriaOfAsync(projectId, phase, cancellationToken), cancellationToken);
        return [.. criteria.Select(c =>
        {
            var page = GateEvidence.Reads(c.Kind);
            return new AutomaticCriterionDto(
                c.Kind, c.Text, c.IsMet, c.Detail, EvidenceLink.Of(projectKey, c.Evidence), Links.Evidence(projectKey, page), page == EvidenceKind.DatasetVersion ? "Data" : "Models");
        })];
    }
}

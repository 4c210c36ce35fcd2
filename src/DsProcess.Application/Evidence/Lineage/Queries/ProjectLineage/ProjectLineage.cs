using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Evidence.Datasets;
using DsProcess.Application.Projects;
using DsProcess.Domain.Evidence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Evidence.Lineage.Queries.ProjectLineage;

/// <summary>
/// A project's lineage: its dataset versions by layer and its model versions, joined by derived-from, trained-on and
/// evaluated-on edges. After the round trip that identifies the caller, one for the project with its dataset versions
/// and, once the caller may read it, one for its model versions: both collections in one statement would return the
/// product of their rows.
/// </summary>
public sealed record ProjectLineageQuery(string Key) : IQuery<ProjectLineageDto>;

/// <summary>The columns of the lineage picture, upstream to downstream.</summary>
public enum LineageColumn
{
    Bronze = 1,
    Silver = 2,
    Gold = 3,
    Models = 4,
}

public enum LineageEdgeKind
{
    DerivedFrom = 1,
    TrainedOn = 2,
    EvaluatedOn = 3,
}

/// <summary>A dataset version (<see cref="IsModel"/> false) or a model version.</summary>
public sealed record LineageNode(
    Guid Id,
    LineageColumn Column,
    string Name,
    string Label,
    string Kind,
    DateTimeOffset RegisteredAt,
    string RegisteredByName,
    string Location)
{
    public bool IsModel => Column == LineageColumn.Models;

    public string DisplayName => $"{Name} {Label}";

    /// <summary>Dataset versions: governed (checks passed, PII removed, access granted). Null for models.</summary>
    public bool? IsGoverned { get; init; }

    /// <summary>Model versions: meets every metric target. Null for datasets.</summary>
    public bool? MeetsTargets { get; init; }

    /// <summary>Model versions: evaluated on a test (hold-out) split.</summary>
    public bool? EvaluatedOnHoldOut { get; init; }
}

/// <summary>Data flows from <see cref="From"/> (upstream) to <see cref="To"/> (downstream).</summary>
public sealed record LineageEdge(Guid From, Guid To, LineageEdgeKind Kind);

public sealed record ProjectLineageDto(Guid ProjectId, string Key, string Name, IReadOnlyList<LineageNode> Nodes, IReadOnlyList<LineageEdge> Edges)
{
    private ILookup<Guid, Guid>? _parents;
    private ILookup<Guid, Guid>? _children;

    public IEnumerable<LineageNode> In(LineageColumn column) => Nodes.Where(n => n.Column == column);

    public LineageNode? Find(Guid id) => Nodes.FirstOrDefault(n => n.Id == id);

    /// <summary>Everything the node is built on, transitively: "what data is this model built on?"</summary>
    public IReadOnlySet<Guid> Upstream(Guid id) => Reach(id, _parents ??= Edges.ToLookup(e => e.To, e => e.From));

    /// <summary>Everything built on the node, transitively: "which models are affected by this dataset version?"</summary>
    public IReadOnlySet<Guid> Downstream(Guid id) => Reach(id, _children ??= Edges.ToLookup(e => e.From, e => e.To));

    private static HashSet<Guid> Reach(Guid start, ILookup<Guid, Guid> next)
    {
        var seen = new HashSet<Guid>();
        var todo = new Stack<Guid>(next[start]);
        while (todo.TryPop(out var id))
        {
            if (seen.Add(id))
            {
                foreach (var further in next[id])
                {
                    todo.Push(further);
                }
            }
        }

        return seen;
    }
}

public sealed class ProjectLineageQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectLineageQuery, ProjectLineageDto>
{
    public async ValueTask<ProjectLineageDto> Handle(ProjectLineageQuery query, CancellationToken cancellationToken)
    {
        var person = await access.PersonAsync(cancellationToken);
        var loaded = await db.Projects.AsNoTracking()
            .WithKey(query.Key)
            .Select(p => new
            {
                p.Id,
                p.Key,
                p.Name,
                Roles = p.Members.Where(m => m.PersonId == person.Id).Select(m => m.Roles).FirstOrDefault(),
                Data = db.DatasetVersions
                    .Where(v => v.ProjectId == p.Id)
                    .Join(db.Datasets, v => v.DatasetId, d => d.Id, (v, d) => new
                    {
                        v.Id,
                        v.Layer,
                        v.Purpose,
                        DatasetName = d.Name,
                        v.Label,
                        v.RegisteredAt,
                        v.RegisteredByName,
                        v.Location,
                        v.DerivedFrom,
                        Checks = QualityChecks.ListOf(v.Checks),
                        v.PiiRemoved,
                        v.AccessGrantedTo,
                    })
                    .OrderBy(v => v.DatasetName).ThenBy(v => v.RegisteredAt)
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", query.Key);

        access.Standing(person, loaded.Id, loaded.Roles);

        var models = await db.ModelVersions.AsNoTracking()
            .Where(m => m.ProjectId == loaded.Id)
            .OrderBy(m => m.Name).ThenBy(m => m.RegisteredAt)
            .Select(m => new
            {
                m.Id,
                m.Name,
                m.Label,
                m.Stage,
                m.MeetsTargets,
                m.EvaluatedOnHoldOut,
                m.RegisteredAt,
                m.RegisteredByName,
                m.ArtefactUri,
                m.TrainedOn,
                m.EvaluatedOn,
            })
            .ToListAsync(cancellationToken);

        var nodes = loaded.Data
            .Select(v => new LineageNode(v.Id, ColumnOf(v.Layer), v.DatasetName, v.Label, EvidenceNames.Of(v.Purpose), v.RegisteredAt, v.RegisteredByName, v.Location)
            {
                IsGoverned = EvidenceRules.IsGoverned(v.Checks, v.PiiRemoved, v.AccessGrantedTo),
            })
            .Concat(models.Select(m => new LineageNode(m.Id, LineageColumn.Models, m.Name, m.Label, EvidenceNames.Of(m.Stage), m.RegisteredAt, m.RegisteredByName, m.ArtefactUri)
            {
                MeetsTargets = m.MeetsTargets,
                EvaluatedOnHoldOut = m.EvaluatedOnHoldOut,
            }))
            .ToList();
        var known = nodes.Select(n => n.Id).ToHashSet();
        var edges = loaded.Data.SelectMany(v => v.DerivedFrom.Select(parent => new LineageEdge(parent, v.Id, LineageEdgeKind.DerivedFrom)))
            .Concat(models.SelectMany(m => m.TrainedOn.Select(d => new LineageEdge(d, m.Id, LineageEdgeKind.TrainedOn))))
            .Concat(models.SelectMany(m => m.EvaluatedOn.Select(d => new LineageEdge(d, m.Id, LineageEdgeKind.EvaluatedOn))))
            .Where(e => known.Contains(e.From))
            .ToList();
        return new ProjectLineageDto(loaded.Id, loaded.Key, loaded.Name, nodes, edges);
    }

    private static LineageColumn ColumnOf(DataLayer layer) => layer switch
    {
        DataLayer.Bronze => LineageColumn.Bronze,
        DataLayer.Silver => LineageColumn.Silver,
        DataLayer.Gold => LineageColumn.Gold,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "A dataset version of an unknown layer."),
    };
}

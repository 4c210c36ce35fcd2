using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Projects;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Evidence.Datasets.Queries.ProjectData;

/// <summary>
/// A project's datasets with their versions, newest first, and what the caller may do with them: after the round trip
/// that identifies the caller, one for the project (with the caller's roles and its tasks) and, once the caller may read
/// it, one for its datasets and their versions. Two collections in one statement would return the product of their rows.
/// </summary>
public sealed record ProjectDataQuery(string Key) : IQuery<ProjectDataDto>;

public sealed record ProjectDataDto(Guid ProjectId, string Key, string Name, IReadOnlyList<DatasetRow> Datasets, IReadOnlyList<DataTaskOption> DataTasks)
{
    /// <summary>The caller may create datasets, register versions and record quality.</summary>
    public bool CanRegister { get; init; }

    public IEnumerable<DatasetVersionRow> Versions => Datasets.SelectMany(d => d.Versions);

    public DatasetVersionRow? FindVersion(Guid id) => Versions.FirstOrDefault(v => v.Id == id);
}

public sealed record DatasetRow(
    Guid Id,
    string Name,
    DataLayer Layer,
    DatasetPurpose Purpose,
    string Description,
    DateTimeOffset CreatedAt,
    IReadOnlyList<DatasetVersionRow> Versions)
{
    public string PurposeName => EvidenceNames.Of(Purpose);
}

/// <summary>A version with its quality state; <see cref="Parents"/> names the versions it derives from.</summary>
public sealed record DatasetVersionRow(
    Guid Id,
    Guid DatasetId,
    string DatasetName,
    DataLayer Layer,
    DatasetPurpose Purpose,
    string Label,
    string Location,
    string Format,
    long? Rows,
    long? SizeBytes,
    string Checksum,
    string RegisteredByName,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<Guid> ParentIds,
    Guid? ProducedByTaskId,
    string? ProducedByTaskTitle,
    IReadOnlyList<QualityCheck> Checks,
    bool PiiRemoved,
    string PiiMethod,
    string ProfileLink,
    IReadOnlyList<ProjectRole> AccessGrantedTo,
    uint Version)
{
    public string DisplayName => $"{DatasetName} {Label}";

    /// <summary>Every check (at least one) passed, PII removed, access granted (<see cref="EvidenceRules.IsGoverned"/>).</summary>
    public bool IsGoverned => EvidenceRules.IsGoverned(Checks, PiiRemoved, AccessGrantedTo);

    public bool HasQuality => Checks.Count > 0 || PiiRemoved || AccessGrantedTo.Count > 0 || ProfileLink.Length > 0;

    public IReadOnlyList<string> Parents { get; init; } = [];
}

/// <summary>A task that produces data, offered as the producer of a version.</summary>
public sealed record DataTaskOption(Guid Id, string Title);

public sealed class ProjectDataQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectDataQuery, ProjectDataDto>
{
    public async ValueTask<ProjectDataDto> Handle(ProjectDataQuery query, CancellationToken cancellationToken)
    {
        var person = await access.PersonAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking()
            .WithKey(query.Key)
            .Select(p => new
            {
                p.Id,
                p.Key,
                p.Name,
                Roles = p.Members.Where(m => m.PersonId == person.Id).Select(m => m.Roles).FirstOrDefault(),
                Tasks = db.Tasks
                    .Where(t => t.ProjectId == p.Id)
                    .OrderBy(t => t.Phase.Kind).ThenBy(t => t.Order)
                    .Select(t => new { t.Id, t.Title, t.ResponsibleRole, t.Phase.Kind })
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", query.Key);
        var me = access.Standing(person, project.Id, project.Roles);

        var datasets = await db.Datasets.AsNoTracking()
            .Where(d => d.ProjectId == project.Id)
            .OrderBy(d => d.Layer).ThenBy(d => d.Name)
            .Select(d => new DatasetRow(
                d.Id,
                d.Name,
                d.Layer,
                d.Purpose,
                d.Description,
                d.CreatedAt,
                db.DatasetVersions
                    .Where(v => v.DatasetId == d.Id)
                    .OrderByDescending(v => v.RegisteredAt).ThenByDescending(v => v.Label)
                    .Select(v => new DatasetVersionRow(
                        v.Id,
                        v.DatasetId,
                        d.Name,
                        v.Layer,
                        v.Purpose,
                        v.Label,
                        v.Location,
                        v.Format,
                        v.Rows,
                        v.SizeBytes,
                        v.Checksum,
                        v.RegisteredByName,
                        v.RegisteredAt,
                        v.DerivedFrom,
                        v.ProducedByTaskId,
                        db.Tasks.Where(t => t.Id == v.ProducedByTaskId).Select(t => t.Title).FirstOrDefault(),
                        QualityChecks.ListOf(v.Checks),
                        v.PiiRemoved,
                        v.PiiMethod,
                        v.ProfileLink,
                        v.AccessGrantedTo,
                        v.Version))
                    .ToList()))
            .ToListAsync(cancellationToken);

        var names = datasets.SelectMany(d => d.Versions).ToDictionary(v => v.Id, v => v.DisplayName);
        return new ProjectDataDto(
            project.Id,
            project.Key,
            project.Name,
            [.. datasets.Select(d => d with
            {
                Versions = [.. d.Versions.Select(v => v with { Parents = [.. v.ParentIds.Select(id => names.GetValueOrDefault(id, "(unknown)"))] })],
            })],
            [.. project.Tasks.Where(t => WorkRules.ProducesData(t.ResponsibleRole, t.Kind)).Select(t => new DataTaskOption(t.Id, t.Title))])
        {
            CanRegister = me.CanRegisterData,
        };
    }
}

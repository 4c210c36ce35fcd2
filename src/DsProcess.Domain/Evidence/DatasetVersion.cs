using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Evidence;

/// <summary>One quality check run on a dataset version.</summary>
public sealed record QualityCheck(string Name, bool Passed, long? FailingRows);

/// <summary>What a dataset version is, as its producer describes it.</summary>
public sealed record DatasetVersionFacts(string Label, string Location, string? Format, long? Rows, long? SizeBytes, string? Checksum);

/// <summary>
/// A registered version of a dataset: where it is, what it is, the versions it was derived from (its lineage, fixed
/// at registration) and its quality facts. Data flows upward only, and a version derives only from versions that
/// already exist, so lineage can never form a cycle.
/// </summary>
public sealed class DatasetVersion : Entity
{
    private DatasetVersion()
    {
    }

    public Guid ProjectId { get; private set; }

    public Guid DatasetId { get; private set; }

    /// <summary>The dataset's layer and purpose, copied: a dataset never changes either.</summary>
    public DataLayer Layer { get; private set; }

    public DatasetPurpose Purpose { get; private set; }

    public string Label { get; private set; } = "";

    public string Location { get; private set; } = "";

    public string Format { get; private set; } = "";

    public long? Rows { get; private set; }

    public long? SizeBytes { get; private set; }

    public string Checksum { get; private set; } = "";

    /// <summary>The task whose work produced this version, if it was registered from one.</summary>
    public Guid? ProducedByTaskId { get; private set; }

    public Guid? RegisteredById { get; private set; }

    public string RegisteredByName { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    public List<Guid> DerivedFrom { get; private set; } = [];

    public List<QualityCheck> Checks { get; private set; } = [];

    public bool PiiRemoved { get; private set; }

    /// <summary>How personal data was removed (masking, dropping columns, hashing).</summary>
    public string PiiMethod { get; private set; } = "";

    public string ProfileLink { get; private set; } = "";

    /// <summary>The project roles given access to this version.</summary>
    public List<ProjectRole> AccessGrantedTo { get; private set; } = [];

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>Ready for Silver and beyond: every quality check (at least one) passed, PII removed, access granted.</summary>
    public bool IsGoverned => EvidenceRules.IsGoverned(Checks, PiiRemoved, AccessGrantedTo);

    /// <remarks>
    /// The activity entry names each parent by its dataset and label ("Raw events v1"), since labels repeat across
    /// datasets; <paramref name="parentDatasets"/> supplies the parents' datasets (the version's own dataset is known).
    /// A parent whose dataset is not supplied is named by its label alone.
    /// </remarks>
    public static DatasetVersion Register(
        Dataset dataset,
        DatasetVersionFacts facts,
        IReadOnlyCollection<DatasetVersion> derivedFrom,
        Guid? producedByTaskId,
        Actor by,
        DateTimeOffset at,
        IReadOnlyCollection<Dataset>? parentDatasets = null)
    {
        foreach (var parent in derivedFrom)
        {
            if (parent.ProjectId != dataset.ProjectId)
            {
                throw new DomainRuleException($"{parent.Label} belongs to another project; lineage stays within a project.");
            }

            if (parent.Layer > dataset.Layer)
            {
                throw new DomainRuleException(
                    $"A {dataset.Layer} version cannot derive from the {parent.Layer} version {parent.Label}: data flows Bronze → Silver → Gold.");
            }
        }

        if (EvidenceRules.IsSplit(dataset.Purpose) && !derivedFrom.Any(p => p.Purpose is DatasetPurpose.Curated or DatasetPurpose.Features))
        {
            throw new DomainRuleException("A split is cut from a curated or feature version: choose the version it was split from.");
        }

        var version = new DatasetVersion
        {
            ProjectId = dataset.ProjectId,
            DatasetId = dataset.Id,
            Layer = dataset.Layer,
            Purpose = dataset.Purpose,
            Label = Guard.Text(facts.Label, "Version label", Limits.VersionLabel),
            Location = Guard.Text(facts.Location, "Location", Limits.Uri),
            Format = Guard.OptionalText(facts.Format, "Format", Limits.DataFormat),
            Rows = facts.Rows is < 0 ? throw new DomainRuleException("Rows cannot be negative.") : facts.Rows,
            SizeBytes = facts.SizeBytes is < 0 ? throw new DomainRuleException("The size cannot be negative.") : facts.SizeBytes,
            Checksum = Guard.OptionalText(facts.Checksum, "Checksum", Limits.Checksum),
            ProducedByTaskId = producedByTaskId,
            RegisteredById = by.UserId,
            RegisteredByName = by.Name,
            RegisteredAt = at,
            DerivedFrom = [.. derivedFrom.Select(p => p.Id).Distinct()],
        };
        version.Record(ActivityEntry.Create(
            dataset.ProjectId,
            ActivityKind.DatasetVersionRegistered,
            by,
            at,
            $"{dataset.Name} {version.Label}",
            taskId: producedByTaskId,
            from: derivedFrom.Count == 0 ? null : string.Join(", ", derivedFrom.Select(p => NameOf(p, dataset, parentDatasets))),
            to: $"{dataset.Layer} · {EvidenceNames.Of(dataset.Purpose)}"));
        return version;
    }

    private static string NameOf(DatasetVersion parent, Dataset dataset, IReadOnlyCollection<Dataset>? parentDatasets)
    {
        var name = parent.DatasetId == dataset.Id ? dataset.Name : parentDatasets?.FirstOrDefault(d => d.Id == parent.DatasetId)?.Name;
        return name is null ? parent.Label : $"{name} {parent.Label}";
    }

    /// <summary>Records the version's quality facts (replacing what was recorded before).</summary>
    public void RecordQuality(
        IReadOnlyList<QualityCheck> checks,
        bool piiRemoved,
        string? piiMethod,
        string? profileLink,
        IReadOnlyCollection<ProjectRole> accessGrantedTo,
        string datasetName,
        Actor by,
        DateTimeOffset at)
    {
        if (checks.Count > Limits.QualityChecks)
        {
            throw new DomainRuleException($"Record at most {Limits.QualityChecks} quality checks.");
        }

        Checks = [.. checks.Select(c => c with
        {
            Name = Guard.Text(c.Name, "Check name", Limits.CheckName),
            FailingRows = c.FailingRows is < 0 ? throw new DomainRuleException("Failing rows cannot be negative.") : c.FailingRows,
        })];
        PiiRemoved = piiRemoved;
        PiiMethod = piiRemoved ? Guard.Text(piiMethod, "How PII was removed", Limits.Reason) : "";
        ProfileLink = Guard.OptionalText(profileLink, "Profile link", Limits.Uri);
        AccessGrantedTo = ProjectMember.Normalize(accessGrantedTo);
        Record(ActivityEntry.Create(
            ProjectId,
            ActivityKind.DatasetQualityRecorded,
            by,
            at,
            $"{datasetName} {Label}",
            to: $"{Checks.Count(c => c.Passed)}/{Checks.Count} checks passed{(PiiRemoved ? ", PII removed" : "")}"));
    }
}

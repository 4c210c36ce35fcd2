using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Handoffs;

/// <summary>
/// Work passed from one role to the next: created when a task is done and the next task in sequence belongs
/// to another role, and open until the receiving side acknowledges it. Its age is how long work waited.
/// </summary>
public sealed class Handoff : Entity
{
    private readonly List<EvidenceRef> _versions = [];

    private Handoff()
    {
    }

    internal Handoff(ProjectTask from, ProjectTask to, int iteration, string? note, IReadOnlyList<string> links, IReadOnlyList<EvidenceRef> versions, Actor by, DateTimeOffset at)
    {
        ProjectId = from.ProjectId;
        FromTaskId = from.Id;
        FromTaskTitle = from.Title;
        FromRole = from.ResponsibleRole;
        ToTaskId = to.Id;
        ToTaskTitle = to.Title;
        ToRole = to.ResponsibleRole;
        ToPhase = to.Phase.Kind;
        ToAssigneeId = to.AssigneeId;
        Iteration = iteration;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Links = [.. links];
        if (versions.Count > Limits.HandedVersions)
        {
            throw new DomainRuleException($"Hand over at most {Limits.HandedVersions} dataset and model versions.");
        }

        _versions.AddRange(versions.DistinctBy(v => (v.Kind, v.Id)));
        HandedOverById = by.UserId;
        HandedOverByName = by.Name;
        HandedOverAt = at;
        Record(ActivityEntry.Create(
            ProjectId, ActivityKind.HandoffCreated, by, at, $"{FromTaskTitle} → {ToTaskTitle}", ToPhase, ToTaskId,
            DisplayNames.Of(FromRole), DisplayNames.Of(ToRole), Note));
    }

    public Guid ProjectId { get; private set; }

    public Guid FromTaskId { get; private set; }

    public string FromTaskTitle { get; private set; } = "";

    public ProjectRole FromRole { get; private set; }

    public Guid ToTaskId { get; private set; }

    public string ToTaskTitle { get; private set; } = "";

    public ProjectRole ToRole { get; private set; }

    public PhaseKind ToPhase { get; private set; }

    /// <summary>Who the receiving task was assigned to at hand-over time; otherwise the role receives it.</summary>
    public Guid? ToAssigneeId { get; private set; }

    public int Iteration { get; private set; }

    public string? Note { get; private set; }

    public List<string> Links { get; private set; } = [];

    /// <summary>The dataset and model versions handed over (the work's evidence), as they were labelled then.</summary>
    public IReadOnlyList<EvidenceRef> Versions => _versions;

    public Guid? HandedOverById { get; private set; }

    public string HandedOverByName { get; private set; } = "";

    public DateTimeOffset HandedOverAt { get; private set; }

    public Guid? AcknowledgedById { get; private set; }

    public string? AcknowledgedByName { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public uint Version { get; private set; }

    public bool IsOpen => AcknowledgedAt is null;

    protected override int? CurrentIteration => Iteration;

    internal void Acknowledge(Actor by, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException($"{AcknowledgedByName} already acknowledged this handoff on {AcknowledgedAt:d MMM yyyy HH:mm} UTC.");
        }

        AcknowledgedById = by.UserId;
        AcknowledgedByName = by.Name;
        AcknowledgedAt = at;
        Record(ActivityEntry.Create(
            ProjectId, ActivityKind.HandoffAcknowledged, by, at, $"{FromTaskTitle} → {ToTaskTitle}", ToPhase, ToTaskId,
            DisplayNames.Of(FromRole), DisplayNames.Of(ToRole)));
    }
}

using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;

namespace DsProcess.Domain.Operations;

/// <summary>One of a project's three pipelines (data, ML, DevOps) with its latest run: when, in what state, and a note or link.</summary>
public sealed class Pipeline : Entity
{
    private Pipeline()
    {
    }

    public Guid ProjectId { get; private set; }

    public PipelineKind Kind { get; private set; }

    public DateTimeOffset LastRunAt { get; private set; }

    public PipelineState State { get; private set; }

    public string Note { get; private set; } = "";

    public string Link { get; private set; } = "";

    public string RecordedByName { get; private set; } = "";

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public static Pipeline Start(Guid projectId, PipelineKind kind) =>
        Enum.IsDefined(kind)
            ? new Pipeline { ProjectId = projectId, Kind = kind }
            : throw new DomainRuleException("Choose a pipeline from the list.");

    /// <summary>
    /// Records a run reported at <paramref name="runAt"/>. Only the latest run is kept: a report older than the one
    /// held changes nothing and returns false (runs reported out of order do not undo a newer state).
    /// </summary>
    public bool RecordRun(PipelineState state, DateTimeOffset runAt, string? note, string? link, Actor by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(state))
        {
            throw new DomainRuleException("Choose a pipeline state from the list.");
        }

        if (runAt > at.AddMinutes(5))
        {
            throw new DomainRuleException("A pipeline run cannot be reported for the future.");
        }

        runAt = OperationsRules.AsStored(runAt);
        var checkedNote = Guard.OptionalText(note, "The note", Limits.Reason);
        var checkedLink = Guard.OptionalText(link, "The link", Limits.Uri);
        if (LastRunAt != default && runAt < LastRunAt)
        {
            return false;
        }

        var from = LastRunAt == default ? null : State.ToString();
        LastRunAt = runAt;
        State = state;
        Note = checkedNote;
        Link = checkedLink;
        RecordedByName = by.Name;
        Record(ActivityEntry.Create(ProjectId, ActivityKind.PipelineRunRecorded, by, at, OperationsRules.Of(Kind), from: from, to: state.ToString(), reason: checkedNote));
        return true;
    }
}

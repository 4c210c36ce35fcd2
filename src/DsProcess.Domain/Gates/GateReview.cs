using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Gates;

/// <summary>Where a gate stands, as the board shows it.</summary>
public enum GateState
{
    /// <summary>Required tasks or required gate criteria are still open.</summary>
    Locked,
    Ready,
    Submitted,
    Approved,

    /// <summary>The last submission was sent back; the phase is being worked on again.</summary>
    Rejected,
}

public enum GateDecision
{
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// What a decision leads to. An approval moves to the next phase, or at the last gate (the outcome review) completes
/// the project or starts a new iteration; a rejection that sends the project back to an earlier phase names that phase
/// (<see cref="GateOutcomes"/>).
/// </summary>
public enum GateOutcome
{
    NextPhase = 1,
    CompleteProject = 2,
    IterateFromModelDevelopment = 3,
    IterateFromProductionDeployment = 4,
    IterateFromDataDevelopment = 5,
}

/// <summary>The outcomes that start a new iteration, and the phase each starts from: the one mapping between them.</summary>
public static class GateOutcomes
{
    /// <summary>The outcome starting a new iteration from <paramref name="phase"/>; the last phase has none (nothing comes after it to send back from).</summary>
    public static GateOutcome IterateFrom(PhaseKind phase) => phase switch
    {
        PhaseKind.DataDevelopment => GateOutcome.IterateFromDataDevelopment,
        PhaseKind.ModelDevelopment => GateOutcome.IterateFromModelDevelopment,
        PhaseKind.ProductionDeployment => GateOutcome.IterateFromProductionDeployment,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "No new iteration starts from the last phase."),
    };

    /// <summary>The phase a new iteration starts from with <paramref name="outcome"/>; null when the outcome starts none.</summary>
    public static PhaseKind? IteratesFrom(GateOutcome? outcome) => outcome switch
    {
        GateOutcome.IterateFromDataDevelopment => PhaseKind.DataDevelopment,
        GateOutcome.IterateFromModelDevelopment => PhaseKind.ModelDevelopment,
        GateOutcome.IterateFromProductionDeployment => PhaseKind.ProductionDeployment,
        _ => null,
    };
}

/// <summary>
/// One submission of a phase for its gate, and the decision on it. Decisions are final records: once decided,
/// a review never changes; a rejected phase is submitted again as a new review.
/// </summary>
public sealed class GateReview
{
    private readonly List<EvidenceRef> _approvedEvidence = [];

    private GateReview()
    {
    }

    internal GateReview(ProjectPhase phase, int iteration, string? note, Actor by, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        ProjectId = phase.ProjectId;
        PhaseId = phase.Id;
        Phase = phase.Kind;
        Iteration = iteration;
        Note = string.IsNullOrWhiteSpace(note) ? null : Guard.OptionalText(note, "Note", Limits.Reason);
        SubmittedById = by.UserId ?? throw new DomainRuleException("A gate is submitted by a person.");
        SubmittedByName = by.Name;
        SubmittedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    public Guid PhaseId { get; private set; }

    public PhaseKind Phase { get; private set; }

    public int Iteration { get; private set; }

    public string? Note { get; private set; }

    public Guid SubmittedById { get; private set; }

    public string SubmittedByName { get; private set; } = "";

    public DateTimeOffset SubmittedAt { get; private set; }

    public GateDecision? Decision { get; private set; }

    public GateOutcome? Outcome { get; private set; }

    public Guid? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionReason { get; private set; }

    /// <summary>
    /// The dataset and model versions an approval was given on, as they were named then. Written once, by the
    /// approval; nothing changes it afterwards, whatever happens to the evidence later.
    /// </summary>
    public IReadOnlyList<EvidenceRef> ApprovedEvidence => _approvedEvidence;

    /// <summary>Concurrency token (PostgreSQL xmin): two people deciding at once cannot both win.</summary>
    public uint Version { get; private set; }

    internal void Decide(GateDecision decision, GateOutcome? outcome, string? reason, IEnumerable<EvidenceRef> approvedEvidence, Actor by, DateTimeOffset at)
    {
        if (Decision is { } made)
        {
            throw new DomainRuleException(
                $"{DecidedByName} already {(made == GateDecision.Approved ? "approved" : "rejected")} this gate on {DecidedAt:d MMM yyyy HH:mm} UTC; decisions are final.");
        }

        if (by.UserId == SubmittedById)
        {
            throw new DomainRuleException("You submitted this gate, so someone else decides it.");
        }

        Decision = decision;
        Outcome = outcome;
        DecisionReason = reason;
        DecidedById = by.UserId;
        DecidedByName = by.Name;
        DecidedAt = at;
        _approvedEvidence.AddRange(approvedEvidence.DistinctBy(e => (e.Kind, e.Id)));
    }
}

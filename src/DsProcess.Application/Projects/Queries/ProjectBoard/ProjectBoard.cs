using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Projects.Queries.ProjectBoard;

/// <summary>
/// Everything the board shows for one project, with what the caller may do on it: one SQL round trip for
/// the board, after the one that identifies the caller.
/// </summary>
public sealed record ProjectBoardQuery(string Key) : IQuery<ProjectBoardDto>
{
    /// <summary>The changes a reload is for: it may then share a read under way that saw them (<see cref="SharedBoardReads"/>).</summary>
    public IReadOnlyCollection<ChangeNotice> MustShow { get; init; } = [];
}

/// <summary>
/// A project's board. What the caller may do and the derived facts (overdue, who decides, the next role) are computed
/// on the server from the domain's and the authorization's own rules and shipped as flags; screens only show them.
/// </summary>
public sealed record ProjectBoardDto(
    Guid Id,
    string Key,
    string Name,
    string Objective,
    DateOnly StartDate,
    DateOnly TargetDate,
    ProjectStatus Status,
    PhaseKind? CurrentPhase,
    int Iteration,
    IReadOnlyList<BoardPhase> Phases,
    IReadOnlyList<BoardMember> Members,
    BoardEvidence Evidence)
{
    /// <summary>Why the project is on hold or was cancelled (the board's banner says it).</summary>
    public string? StatusReason { get; init; }

    /// <summary>The project takes work (<see cref="WorkRules.TakesWork"/>): not while on hold or cancelled.</summary>
    public bool TakesWork => WorkRules.TakesWork(Status);

    /// <summary>The caller may plan: tasks, dates, assignments, the team, gate criteria (never once the project is cancelled).</summary>
    public bool CanPlan { get; init; }

    /// <summary>The caller may open the project's settings to change them: its team lead.</summary>
    public bool CanChangeSettings { get; init; }

    /// <summary>The caller manages the project's integrations (webhooks): its team lead.</summary>
    public bool CanManageIntegrations { get; init; }

    /// <summary>The changes this board was read after: a notice of one of them needs no reload.</summary>
    public ReadSnapshot? Seen { get; init; }

    /// <summary>Members who may be given the task: holders of its responsible or a supporting role.</summary>
    public IEnumerable<BoardMember> CandidatesFor(BoardTask task) => Members.Where(m => WorkRules.IsWorkableBy(task, m.Roles));

    public IEnumerable<BoardTask> Tasks => Phases.SelectMany(p => p.Tasks);

    public int ProgressPercent => Progress.Percent(Tasks);

    public BoardTask? FindTask(Guid id) => Tasks.FirstOrDefault(t => t.Id == id);
}

public sealed record BoardPhase(
    Guid Id,
    PhaseKind Kind,
    string Purpose,
    PhaseState State,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    DateTimeOffset? ActualStart,
    DateTimeOffset? ActualEnd,
    int Iteration,
    IReadOnlyList<BoardGateCriterion> Gate,
    BoardGateReview? LatestReview,
    IReadOnlyList<BoardTask> Tasks) : IPhaseFacts<BoardTask>
{
    public string Name => DisplayNames.Of(Kind);

    public int ProgressPercent => Progress.Percent(Tasks);

    public int OpenRequiredCount => WorkRules.OpenRequiredTasks(Tasks).Count();

    public int OpenRequiredCriteria => WorkRules.OpenRequiredCriteria(Gate).Count();

    public GateState GateState => GateStates.Of(State, CanSubmit, LatestReview?.Decision);

    /// <summary>Ready for its gate: required tasks and criteria done, and every automatic criterion met by the evidence.</summary>
    public bool CanSubmit => WorkRules.IsReadyForGate(this) && Automatic.All(c => c.IsMet);

    /// <summary>The gate's criteria evaluated from the project's evidence (<see cref="GateEvidence"/>); the gate panel shows why.</summary>
    public IReadOnlyList<BoardAutomaticCriterion> Automatic { get; init; } = [];

    /// <summary>The automatic criteria the playbook chose for the gate, as read; null for the phase's usual ones.</summary>
    public IReadOnlyList<AutomaticCriterionKind>? AutomaticChoice { get; init; }

    /// <summary>Tasks move, checklists and criteria change and tasks are added until the phase is submitted.</summary>
    public bool IsOpen => WorkRules.IsOpen(State);

    IEnumerable<IGateCriterionFacts> IPhaseFacts<BoardTask>.Criteria => Gate;

    /// <summary>The last gate, the outcome review: it completes the project or starts a new iteration.</summary>
    public bool IsLast { get; init; }

    /// <summary>The earlier phases its gate may send the project back to, earliest first (<see cref="WorkRules.SendBackTargets"/>).</summary>
    public IReadOnlyList<PhaseKind> SendsBackTo { get; init; } = [];

    /// <summary>The role, besides team leads, that decides this gate; null for the outcome review.</summary>
    public ProjectRole? DecidingRole { get; init; }

    /// <summary>The caller may tick this gate's criteria and submit it.</summary>
    public bool CanWorkGate { get; init; }

    /// <summary>The caller's role lets them decide this gate (the submitter is still refused, see <see cref="IsMySubmission"/>).</summary>
    public bool CanDecide { get; init; }

    /// <summary>The caller submitted the latest review, so someone else decides it.</summary>
    public bool IsMySubmission { get; init; }
}

public sealed record BoardAutomaticCriterion(AutomaticCriterionKind Kind, string Text, bool IsMet);

/// <summary>
/// What the board knows of the project's evidence: whether each automatic gate criterion is met (the same
/// definitions as <see cref="GateEvidence"/>, asked in SQL), and the best model version against the targets.
/// </summary>
/// <param name="OpenAlerts">Alerts of the project's monitors under way and not yet triaged.</param>
public sealed record BoardEvidence(
    bool GovernedData, bool TrainingSplit, bool TestSplit, bool ModelMeetsTargets, bool ModelDeployed, int Targets, BoardBestModel? BestModel, int OpenAlerts)
{
    public bool IsMet(AutomaticCriterionKind kind) => kind switch
    {
        AutomaticCriterionKind.GovernedData => GovernedData,
        AutomaticCriterionKind.TrainingAndTestSplits => TrainingSplit && TestSplit,
        AutomaticCriterionKind.ModelMeetsTargets => ModelMeetsTargets,
        _ => ModelDeployed,
    };

    /// <summary>How the best model stands, e.g. "meets all targets" or "2 of 3 targets met".</summary>
    public string? BestModelStanding => BestModel switch
    {
        null => null,
        { MeetsTargets: true } => "meets all targets",
        _ when Targets == 0 => "no targets set",
        { } best => $"{best.TargetsMet} of {Targets} targets met",
    };
}

/// <summary>
/// The best model version: among those not retired, the one meeting all targets, else the most targets, the
/// newest on ties.
/// </summary>
public sealed record BoardBestModel(Guid Id, string Name, string Label, bool MeetsTargets, int TargetsMet)
{
    public string DisplayName => $"{Name} {Label}";
}

public sealed record BoardGateCriterion(int Number, string Text, bool IsRequired, bool IsMet, string? MetBy) : IGateCriterionFacts;

public sealed record BoardGateReview(
    Guid Id,
    string SubmittedByName,
    Guid SubmittedById,
    DateTimeOffset SubmittedAt,
    string? Note,
    GateDecision? Decision,
    string? DecidedByName,
    DateTimeOffset? DecidedAt,
    string? DecisionReason);

/// <summary>Work handed to a task's role and not yet acknowledged.</summary>
public sealed record BoardHandoff(
    Guid Id, string FromTaskTitle, ProjectRole FromRole, ProjectRole ToRole, string HandedOverByName, DateTimeOffset HandedOverAt, string? Note, IReadOnlyList<string> Links, IReadOnlyList<EvidenceRef> Versions);

public sealed record BoardTask(
    Guid Id,
    PhaseKind Phase,
    int Order,
    string Title,
    string Description,
    ProjectRole ResponsibleRole,
    IReadOnlyList<ProjectRole> SupportingRoles,
    bool IsOptional,
    bool IsCustom,
    ProjectTaskStatus Status,
    string? StatusReason,
    Guid? AssigneeId,
    string? AssigneeName,
    DateOnly? PlannedStart,
    DateOnly? Due,
    IReadOnlyList<BoardChecklistItem> Checklist,
    IReadOnlyList<string> Evidence,
    BoardHandoff? OpenHandoff,
    uint Version) : ITaskFacts
{
    public bool IsFinished => WorkRules.IsFinished(Status);

    public int ChecklistDone => Checklist.Count(i => i.IsDone);

    public bool IsOverdue { get; init; }

    /// <summary>The caller may move the task and tick its checklist.</summary>
    public bool CanWork { get; init; }

    /// <summary>The caller may acknowledge the work handed to this task.</summary>
    public bool CanAcknowledge { get; init; }

    /// <summary>The role that receives the work when this task is done (a handoff when it is another role).</summary>
    public ProjectRole? NextRole { get; init; }

    /// <summary>A data task the caller may register data for: finishing it offers to register the dataset version it produced.</summary>
    public bool OffersDatasetRegistration { get; init; }
}

public sealed record BoardMember(Guid PersonId, string Name, IReadOnlyList<ProjectRole> Roles);

public sealed record BoardChecklistItem(int Number, string Text, bool IsRequired, bool IsDone, string? DoneBy, DateTimeOffset? DoneAt);

internal static class Progress
{
    public static int Percent(IEnumerable<BoardTask> tasks)
    {
        var all = tasks.ToList();
        return all.Count == 0 ? 0 : all.Count(t => t.IsFinished) * 100 / all.Count;
    }
}

public sealed class ProjectBoardQueryHandler(IAppDbContext db, Access access, SharedBoardReads reads, TimeProvider clock)
    : IQueryHandler<ProjectBoardQuery, ProjectBoardDto>
{
    public async ValueTask<ProjectBoardDto> Handle(ProjectBoardQuery query, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        var board = await reads.ReadAsync(query.Key, query.MustShow, () => ReadAsync(query.Key, cancellationToken));
        var caller = access.Standing(me, board.Id, board.Members.FirstOrDefault(m => m.PersonId == me.Id)?.Roles);
        return WithCallerFlags(board, caller, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    // The board as anyone sees it, before the caller's access and flags.
    private async Task<ProjectBoardDto> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var governed = GateEvidence.GovernedSilverOrGold;
        var trainingSplit = GateEvidence.TrainingSplit;
        var testSplit = GateEvidence.TestSplit;
        var meetsTargets = GateEvidence.MeetsTargetsOnHoldOut;
        var deployed = GateEvidence.Deployed;

        // One statement: the latest gate review and the open handoff are reference lookups, the checklists and gate
        // criteria arrive as their JSON documents and are shaped here, so nothing multiplies rows or scans a table.
        // The evidence arrives as scalar subqueries (exists, count, the best model's one row).
        return await db.Projects
            .AsNoTracking()
            .WithKey(key)
            .Select(p => new ProjectBoardDto(
                p.Id,
                p.Key,
                p.Name,
                p.Objective,
                p.StartDate,
                p.TargetDate,
                p.Status,
                p.CurrentPhase,
                p.Iteration,
                p.Phases
                    .OrderBy(ph => ph.Kind)
                    .Select(ph => new BoardPhase(
                        ph.Id,
                        ph.Kind,
                        ph.Purpose,
                        ph.State,
                        ph.PlannedStart,
                        ph.PlannedEnd,
                        ph.ActualStart,
                        ph.ActualEnd,
                        ph.Iteration,
                        GateOf(ph.Gate),
                        ph.LatestReview == null
                            ? null
                            : new BoardGateReview(
                                ph.LatestReview.Id,
                                ph.LatestReview.SubmittedByName,
                                ph.LatestReview.SubmittedById,
                                ph.LatestReview.SubmittedAt,
                                ph.LatestReview.Note,
                                ph.LatestReview.Decision,
                                ph.LatestReview.DecidedByName,
                                ph.LatestReview.DecidedAt,
                                ph.LatestReview.DecisionReason),
                        ph.Tasks
                            .OrderBy(t => t.Order)
                            .Select(t => new BoardTask(
                                t.Id,
                                ph.Kind,
                                t.Order,
                                t.Title,
                                t.Description,
                                t.ResponsibleRole,
                                t.SupportingRoles,
                                t.IsOptional,
                                t.IsCustom,
                                t.Status,
                                t.StatusReason,
                                t.AssigneeId,
                                db.People.Where(person => person.Id == t.AssigneeId).Select(person => person.DisplayName).FirstOrDefault(),
                                t.PlannedStart,
                                t.Due,
                                ChecklistOf(t.Checklist),
                                t.Evidence,
                                t.OpenHandoff == null
                                    ? null
                                    : new BoardHandoff(
                                        t.OpenHandoff.Id,
                                        t.OpenHandoff.FromTaskTitle,
                                        t.OpenHandoff.FromRole,
                                        t.OpenHandoff.ToRole,
                                        t.OpenHandoff.HandedOverByName,
                                        t.OpenHandoff.HandedOverAt,
                                        t.OpenHandoff.Note,
                                        t.OpenHandoff.Links,
                                        t.OpenHandoff.Versions.ToList()),
                                t.Version))
                            .ToList())
                    {
                        AutomaticChoice = ph.AutomaticCriteriaChosen,
                    })
                    .ToList(),
                p.Members
                    .Select(m => new BoardMember(
                        m.PersonId,
                        db.People.Where(person => person.Id == m.PersonId).Select(person => person.DisplayName).First(),
                        m.Roles))
                    .ToList(),
                new BoardEvidence(
                    db.DatasetVersions.Where(v => v.ProjectId == p.Id).Any(governed),
                    db.DatasetVersions.Where(v => v.ProjectId == p.Id).Any(trainingSplit),
                    db.DatasetVersions.Where(v => v.ProjectId == p.Id).Any(testSplit),
                    db.ModelVersions.Where(m => m.ProjectId == p.Id).Any(meetsTargets),
                    db.ModelVersions.Where(m => m.ProjectId == p.Id).Any(deployed),
                    db.MetricTargets.Count(t => t.ProjectId == p.Id),
                    db.ModelVersions
                        .Where(m => m.ProjectId == p.Id && m.Stage != ModelStage.Retired)
                        .Select(m => new
                        {
                            m.Id,
                            m.Name,
                            m.Label,
                            m.MeetsTargets,
                            m.RegisteredAt,

                            // EvidenceRules.Evaluate in SQL (inside the one statement, over the metrics JSON);
                            // GateEvidenceUseCaseTests.The_boards_count_of_targets_met_agrees_with_the_domains_evaluation keeps the two in step.
                            TargetsMet = db.MetricTargets.Count(t => t.ProjectId == p.Id && m.Metrics.Any(x =>
                                x.Split == t.Split
                                && x.Name.Trim().ToUpper() == t.Metric.Trim().ToUpper()
                                && (t.Direction == TargetDirection.AtLeast ? x.Value >= t.Threshold : x.Value <= t.Threshold))),
                        })
                        .OrderByDescending(m => m.MeetsTargets)
                        .ThenByDescending(m => m.TargetsMet)
                        .ThenByDescending(m => m.RegisteredAt)
                        .Select(m => new BoardBestModel(m.Id, m.Name, m.Label, m.MeetsTargets, m.TargetsMet))
                        .FirstOrDefault(),
                    db.Alerts.Count(a => a.ProjectId == p.Id && a.ClosedAt == null && a.Triage == AlertTriage.None)))
            {
                StatusReason = p.StatusReason,
                Seen = ReadSnapshot.Parse(ReadSnapshot.Current()),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", key);
    }

    // A project on hold or cancelled takes no work and is not overdue; a cancelled one takes no planning either.
    private static ProjectBoardDto WithCallerFlags(ProjectBoardDto board, ProjectAccess me, DateOnly today) => board with
    {
        CanPlan = me.CanPlan && WorkRules.TakesPlanning(board.Status),
        CanChangeSettings = me.CanPlan,
        CanManageIntegrations = me.CanManageIntegrations,
        Members = [.. board.Members.OrderBy(m => m.Name)],
        Phases = [.. board.Phases.Select(phase => phase with
        {
            IsLast = WorkRules.IsLastPhase(board.Phases, phase.Kind),
            DecidingRole = WorkRules.DecidingRole(board.Phases, phase.Kind),
            SendsBackTo = WorkRules.SendBackTargets(phase.Kind, board.Phases.Select(p => p.Kind)),
            CanWorkGate = board.TakesWork && me.CanWorkGate(WorkRules.WorkingRoles(phase.Tasks)),
            CanDecide = board.TakesWork && me.CanDecideGate(WorkRules.DecidingRole(board.Phases, phase.Kind)),
            IsMySubmission = phase.LatestReview?.SubmittedById == me.Person.Id,
            Automatic = [.. (phase.AutomaticChoice ?? GateEvidence.CriteriaOf(phase.Kind)).Select(k => new BoardAutomaticCriterion(k, GateEvidence.TextOf(k), board.Evidence.IsMet(k)))],
            Tasks = [.. phase.Tasks.Select(task => task with
            {
                IsOverdue = WorkRules.CountsOverdue(board.Status) && WorkRules.IsOverdue(task.Status, phase.State, task.Due, today),
                CanWork = board.TakesWork && me.CanWorkOn(task.AssigneeId, task.ResponsibleRole, task.SupportingRoles),
                CanAcknowledge = board.TakesWork && task.OpenHandoff is { } handoff && me.CanAcknowledge(task.AssigneeId, handoff.ToRole),
                NextRole = WorkRules.NextTaskAfter(board.Phases, task)?.ResponsibleRole,
                OffersDatasetRegistration = board.TakesWork && me.CanRegisterData && WorkRules.ProducesData(task.ResponsibleRole, phase.Kind),
            })],
        })],
    };

    private static List<BoardChecklistItem> ChecklistOf(IEnumerable<ChecklistItem> items) =>
        [.. items.OrderBy(c => c.Number).Select(c => new BoardChecklistItem(c.Number, c.Text, c.IsRequired, c.IsDone, c.DoneBy, c.DoneAt))];

    private static List<BoardGateCriterion> GateOf(IEnumerable<GateCriterion> criteria) =>
        [.. criteria.OrderBy(c => c.Number).Select(c => new BoardGateCriterion(c.Number, c.Text, c.IsRequired, c.IsMet, c.MetBy))];
}

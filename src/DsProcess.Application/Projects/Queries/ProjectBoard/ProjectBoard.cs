using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Projects.Queries.ProjectBoard;

/// <summary>
/// Everything the board shows for one project, with what the caller may do on it: one SQL round trip for
/// the board, after the one that identifies the caller.
/// </summary>
public sealed record ProjectBoardQuery(string Key) : IQuery<ProjectBoardDto>;

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
    IReadOnlyList<BoardMember> Members)
{
    /// <summary>The caller's roles in this project (empty for admins and system viewers who are not on the team).</summary>
    public IReadOnlyList<ProjectRole> MyRoles { get; init; } = [];

    public Guid MyId { get; init; }

    public bool CanPlan => MyRoles.Contains(ProjectRole.TeamLead);

    public bool CanWorkOn(BoardTask task) =>
        CanPlan || task.AssigneeId == MyId || MyRoles.Contains(task.ResponsibleRole) || task.SupportingRoles.Any(MyRoles.Contains);

    /// <summary>The role, besides team leads, that decides a phase's gate: the one receiving the work. Null for the outcome review.</summary>
    public ProjectRole? DecidingRole(PhaseKind phase) =>
        Phases.Where(p => p.Kind > phase).OrderBy(p => p.Kind).FirstOrDefault()?.Tasks.FirstOrDefault()?.ResponsibleRole;

    /// <summary>Whether the caller may tick the gate's criteria and submit it: the roles owning the phase's tasks, or a team lead.</summary>
    public bool CanWorkGate(BoardPhase phase) => CanPlan || phase.Tasks.Any(t => MyRoles.Contains(t.ResponsibleRole));

    /// <summary>Whether the caller may decide the gate (the submitter is refused later, by the rule of separation of duties).</summary>
    public bool CanDecideGate(BoardPhase phase) =>
        CanPlan || (DecidingRole(phase.Kind) is { } role && MyRoles.Contains(role));

    public bool IsLastPhase(BoardPhase phase) => Phases[^1].Kind == phase.Kind;

    /// <summary>Members who may be given the task: holders of its responsible or a supporting role.</summary>
    public IEnumerable<BoardMember> CandidatesFor(BoardTask task) =>
        Members.Where(m => m.Roles.Contains(task.ResponsibleRole) || m.Roles.Any(task.SupportingRoles.Contains));

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
    IReadOnlyList<BoardTask> Tasks)
{
    public string Name => DisplayNames.Of(Kind);

    public int ProgressPercent => Progress.Percent(Tasks);

    public int OpenRequiredCount => Tasks.Count(t => !t.IsOptional && !t.IsFinished);

    public int OpenRequiredCriteria => Gate.Count(c => c.IsRequired && !c.IsMet);

    public GateState GateState => GateStates.Of(State, OpenRequiredCount == 0 && OpenRequiredCriteria == 0, LatestReview?.Decision);

    public bool CanSubmit => State == PhaseState.Active && OpenRequiredCount == 0 && OpenRequiredCriteria == 0;
}

public sealed record BoardGateCriterion(int Number, string Text, bool IsRequired, bool IsMet, string? MetBy);

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
public sealed record BoardHandoff(Guid Id, string FromTaskTitle, ProjectRole FromRole, ProjectRole ToRole, string HandedOverByName, DateTimeOffset HandedOverAt, string? Note, IReadOnlyList<string> Links);

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
    uint Version)
{
    public bool IsFinished => Status is ProjectTaskStatus.Done or ProjectTaskStatus.NotApplicable;

    public int ChecklistDone => Checklist.Count(i => i.IsDone);

    public bool IsOverdue(DateOnly today) => !IsFinished && Due is { } due && due < today;
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

public sealed class ProjectBoardQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectBoardQuery, ProjectBoardDto>
{
    public async ValueTask<ProjectBoardDto> Handle(ProjectBoardQuery query, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);

        // One statement: the latest gate review and the open handoff are reference lookups, the checklists and gate
        // criteria arrive as their JSON documents and are shaped here, so nothing multiplies rows or scans a table.
        var board = await db.Projects
            .AsNoTracking()
            .WithKey(query.Key)
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
                                        t.OpenHandoff.Links),
                                t.Version))
                            .ToList()))
                    .ToList(),
                p.Members
                    .Select(m => new BoardMember(
                        m.PersonId,
                        db.People.Where(person => person.Id == m.PersonId).Select(person => person.DisplayName).First(),
                        m.Roles))
                    .ToList()))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", query.Key);

        var myRoles = board.Members.FirstOrDefault(m => m.PersonId == me.Id)?.Roles ?? [];
        return new ProjectAccess(me, myRoles).CanRead
            ? board with { MyRoles = myRoles, MyId = me.Id, Members = [.. board.Members.OrderBy(m => m.Name)] }
            : throw new ForbiddenException("You are not on this project's team.");
    }

    private static List<BoardChecklistItem> ChecklistOf(IEnumerable<ChecklistItem> items) =>
        [.. items.OrderBy(c => c.Number).Select(c => new BoardChecklistItem(c.Number, c.Text, c.IsRequired, c.IsDone, c.DoneBy, c.DoneAt))];

    private static List<BoardGateCriterion> GateOf(IEnumerable<GateCriterion> criteria) =>
        [.. criteria.OrderBy(c => c.Number).Select(c => new BoardGateCriterion(c.Number, c.Text, c.IsRequired, c.IsMet, c.MetBy))];
}

using System.Linq.Expressions;

namespace DsProcess.Domain.Projects;

/// <summary>What the work rules read of a task: the task itself, or a screen's copy of it.</summary>
public interface ITaskFacts
{
    int Order { get; }

    ProjectTaskStatus Status { get; }

    ProjectRole ResponsibleRole { get; }

    IReadOnlyList<ProjectRole> SupportingRoles { get; }

    bool IsOptional { get; }
}

/// <summary>What the work rules read of a gate criterion.</summary>
public interface IGateCriterionFacts
{
    bool IsRequired { get; }

    bool IsMet { get; }
}

/// <summary>What the work rules read of a phase: the phase itself, or a screen's copy of it.</summary>
public interface IPhaseFacts<out TTask>
    where TTask : ITaskFacts
{
    PhaseKind Kind { get; }

    PhaseState State { get; }

    IReadOnlyList<TTask> Tasks { get; }

    IEnumerable<IGateCriterionFacts> Criteria { get; }
}

/// <summary>
/// The lifecycle's derived facts, defined once: the entities enforce them and the read side shows them, whether it
/// holds entities or copies (<see cref="ITaskFacts"/>, <see cref="IPhaseFacts{TTask}"/>).
/// </summary>
public static class WorkRules
{
    /// <summary>
    /// The phases a rejected gate may send the project back to, starting a new iteration there: those of the project's
    /// <paramref name="phases"/> that come before the reviewed one, earliest first. The reviewed phase itself is not
    /// among them: a plain rejection sends it back to work in the same iteration.
    /// </summary>
    public static IReadOnlyList<PhaseKind> SendBackTargets(PhaseKind gate, IEnumerable<PhaseKind> phases) =>
        [.. phases.Where(p => p < gate).Distinct().Order()];

    /// <summary>
    /// Overdue: open (not started, in progress or blocked), in a phase not yet completed, and due before today. An
    /// expression, so that database queries use the same definition (and the partial index on open tasks); the
    /// dashboard's SQL function <c>task_is_overdue</c> is tested against it.
    /// </summary>
    public static readonly Expression<Func<ProjectTaskStatus, PhaseState, DateOnly?, DateOnly, bool>> Overdue =
        (status, phase, due, today) =>
            (status == ProjectTaskStatus.NotStarted || status == ProjectTaskStatus.InProgress || status == ProjectTaskStatus.Blocked)
            && phase != PhaseState.Completed && due < today;

    private static readonly Func<ProjectTaskStatus, PhaseState, DateOnly?, DateOnly, bool> OverdueCompiled = Overdue.Compile();

    public static bool IsOverdue(ProjectTaskStatus status, PhaseState phase, DateOnly? due, DateOnly today) =>
        OverdueCompiled(status, phase, due, today);

    /// <summary>
    /// Whether a project takes work (tasks move, checklists and gate criteria tick, gates are submitted and decided,
    /// handoffs are acknowledged): not while it is on hold, and never once cancelled. Its tasks are not overdue
    /// either while it takes none.
    /// </summary>
    public static bool TakesWork(ProjectStatus status) => status is not (ProjectStatus.OnHold or ProjectStatus.Cancelled);

    /// <summary>
    /// Why a project takes no work, in the words users see (<paramref name="reason"/> is the one given when it was put
    /// on hold or cancelled); null when it does (<see cref="TakesWork"/>).
    /// </summary>
    public static string? WhyNoWork(string key, ProjectStatus status, string? reason) => status switch
    {
        ProjectStatus.Cancelled => $"{key} is cancelled ({reason}); it is read-only.",
        ProjectStatus.OnHold => $"{key} is on hold ({reason}); resume it before changing its work.",
        _ => null,
    };

    /// <summary>Whether a project may still be planned and edited (tasks, dates, team, name, re-planning): all but a cancelled one, which is read-only for good.</summary>
    public static bool TakesPlanning(ProjectStatus status) => status != ProjectStatus.Cancelled;

    /// <summary>Only an active project is put on hold.</summary>
    public static bool CanBePutOnHold(ProjectStatus status) => status == ProjectStatus.Active;

    public static bool CanBeResumed(ProjectStatus status) => status == ProjectStatus.OnHold;

    /// <summary>An active or paused project may be cancelled; a completed one has nothing left to stop.</summary>
    public static bool CanBeCancelled(ProjectStatus status) => status is ProjectStatus.Active or ProjectStatus.OnHold;

    /// <summary>Re-planning moves open work: a project that takes planning and whose lifecycle is not complete.</summary>
    public static bool CanBeReplanned(ProjectStatus status) =>
        TakesPlanning(status) && status is not (ProjectStatus.Completed or ProjectStatus.InOperation);

    /// <summary>Whether a project's open tasks can be overdue: only while it <see cref="TakesWork"/> (a paused project is not late).</summary>
    public static bool CountsOverdue(ProjectStatus status) => TakesWork(status);

    public static bool IsFinished(ProjectTaskStatus status) => status is ProjectTaskStatus.Done or ProjectTaskStatus.NotApplicable;

    /// <summary>Work still to do: a task not finished in a phase not completed (what counts as open load and can be overdue).</summary>
    public static bool IsOpenWork(ProjectTaskStatus status, PhaseState phase) => !IsFinished(status) && phase != PhaseState.Completed;

    /// <summary>
    /// The roles that may be responsible for a task: the three working roles, the custom roles an organisation added,
    /// and the team lead for their own tasks.
    /// </summary>
    public static bool MayOwnTasks(ProjectRole role) =>
        role is ProjectRole.DataEngineer or ProjectRole.DataScientist or ProjectRole.MLEngineer or ProjectRole.TeamLead
        || CustomRoles.NameOf(role) is not null;

    /// <summary>Every role that <see cref="MayOwnTasks"/>, the built-in ones first.</summary>
    public static IReadOnlyList<ProjectRole> TaskOwnerRoles => [.. CustomRoles.WithBuiltIn.Where(MayOwnTasks)];

    /// <summary>Whether someone holding <paramref name="roles"/> may be given the task: its responsible or a supporting role.</summary>
    public static bool IsWorkableBy(ITaskFacts task, IEnumerable<ProjectRole> roles) =>
        roles.Any(r => r == task.ResponsibleRole || task.SupportingRoles.Contains(r));

    /// <summary>
    /// Whether a task produces data, so that finishing it offers to register the dataset version it produced and a
    /// version may name it as its producer: a data engineer's task, or any task of the Data Development phase.
    /// </summary>
    public static bool ProducesData(ProjectRole responsibleRole, PhaseKind phase) =>
        responsibleRole == ProjectRole.DataEngineer || phase == PhaseKind.DataDevelopment;

    /// <summary>
    /// A phase is open until it is submitted for its gate: its tasks move, checklists and gate criteria change and
    /// tasks are added; awaiting its decision or completed, it is frozen.
    /// </summary>
    public static bool IsOpen(PhaseState phase) => phase is PhaseState.NotStarted or PhaseState.Active;

    /// <summary>Checklist items change while the task is not finished and its phase is open.</summary>
    public static bool ChecklistEditable(ProjectTaskStatus status, PhaseState phase) => !IsFinished(status) && IsOpen(phase);

    public static IEnumerable<TTask> OpenRequiredTasks<TTask>(IEnumerable<TTask> tasks)
        where TTask : ITaskFacts =>
        tasks.Where(t => !t.IsOptional && !IsFinished(t.Status));

    public static IEnumerable<TCriterion> OpenRequiredCriteria<TCriterion>(IEnumerable<TCriterion> criteria)
        where TCriterion : IGateCriterionFacts =>
        criteria.Where(c => c.IsRequired && !c.IsMet);

    /// <summary>An active phase whose required tasks and criteria are all done can be submitted for its gate.</summary>
    public static bool IsReadyForGate<TTask>(IPhaseFacts<TTask> phase)
        where TTask : ITaskFacts =>
        phase.State == PhaseState.Active && !OpenRequiredTasks(phase.Tasks).Any() && !OpenRequiredCriteria(phase.Criteria).Any();

    /// <summary>The roles owning a phase's tasks: they work the phase and submit it for its gate.</summary>
    public static IEnumerable<ProjectRole> WorkingRoles(IEnumerable<ITaskFacts> tasks) => tasks.Select(t => t.ResponsibleRole).Distinct();

    /// <summary>
    /// The task that receives the work after <paramref name="task"/>: the next one in sequence (its phase's later
    /// tasks, then the later phases' tasks) that is not Not applicable.
    /// </summary>
    public static TTask? NextTaskAfter<TTask>(IEnumerable<IPhaseFacts<TTask>> phases, TTask task)
        where TTask : class, ITaskFacts =>
        phases.OrderBy(p => p.Kind)
            .SelectMany(p => p.Tasks.OrderBy(t => t.Order))
            .SkipWhile(t => !ReferenceEquals(t, task))
            .Skip(1)
            .FirstOrDefault(t => t.Status != ProjectTaskStatus.NotApplicable);

    /// <summary>
    /// Who decides a phase's gate besides a team lead: the role responsible for the first task of the next phase,
    /// which receives the work. Null for the last gate (the outcome review), which a team lead decides.
    /// </summary>
    public static ProjectRole? DecidingRole<TTask>(IEnumerable<IPhaseFacts<TTask>> phases, PhaseKind phase)
        where TTask : ITaskFacts =>
        phases.Where(p => p.Kind > phase).OrderBy(p => p.Kind).FirstOrDefault()?.Tasks.OrderBy(t => t.Order).Select(t => (ProjectRole?)t.ResponsibleRole).FirstOrDefault();

    public static bool IsLastPhase<TTask>(IEnumerable<IPhaseFacts<TTask>> phases, PhaseKind phase)
        where TTask : ITaskFacts =>
        phases.Max(p => p.Kind) == phase;
}

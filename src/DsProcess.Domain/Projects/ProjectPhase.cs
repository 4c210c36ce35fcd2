using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;

namespace DsProcess.Domain.Projects;

/// <summary>One of a project's four phases: NotStarted → Active → AwaitingGate → Completed.</summary>
public sealed class ProjectPhase : Entity
{
    private readonly List<ProjectTask> _tasks = [];

    private ProjectPhase()
    {
    }

    internal ProjectPhase(Project project, PhaseKind kind, string purpose, IEnumerable<string> gateCriteria)
    {
        Project = project;
        ProjectId = project.Id;
        Kind = kind;
        Purpose = purpose;
        GateCriteria = [.. gateCriteria];
    }

    public Guid ProjectId { get; private set; }

    public Project Project { get; private set; } = null!;

    public PhaseKind Kind { get; private set; }

    public string Purpose { get; private set; } = "";

    public List<string> GateCriteria { get; private set; } = [];

    public PhaseState State { get; private set; }

    public DateOnly? PlannedStart { get; private set; }

    public DateOnly? PlannedEnd { get; private set; }

    public DateTimeOffset? ActualStart { get; private set; }

    public DateTimeOffset? ActualEnd { get; private set; }

    public IReadOnlyList<ProjectTask> Tasks => _tasks;

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public string Name => DisplayNames.Of(Kind);

    /// <summary>Required tasks that are neither Done nor Not applicable.</summary>
    public IEnumerable<ProjectTask> OpenRequiredTasks => _tasks.Where(t => !t.IsOptional && !t.IsFinished);

    public void Activate(Actor by, DateTimeOffset at)
    {
        EnsureState("activate", PhaseState.NotStarted);
        ActualStart = at;
        MoveTo(PhaseState.Active, by, at, reason: null);
    }

    public void SubmitForGate(Actor by, DateTimeOffset at)
    {
        EnsureState("submit", PhaseState.Active);
        var open = OpenRequiredTasks.ToList();
        if (open.Count > 0)
        {
            throw new DomainRuleException(
                $"{Name} still has {open.Count} required task(s) not Done or Not applicable: {string.Join(", ", open.Select(t => t.Title))}.");
        }

        MoveTo(PhaseState.AwaitingGate, by, at, reason: null);
    }

    public void ReturnToWork(string reason, Actor by, DateTimeOffset at)
    {
        EnsureState("return to work", PhaseState.AwaitingGate);
        MoveTo(PhaseState.Active, by, at, reason);
    }

    public void Complete(Actor by, DateTimeOffset at)
    {
        EnsureState("complete", PhaseState.AwaitingGate);
        ActualEnd = at;
        MoveTo(PhaseState.Completed, by, at, reason: null);
    }

    public ProjectTask AddTask(
        string title,
        string? description,
        ProjectRole responsibleRole,
        IEnumerable<ProjectRole> supportingRoles,
        bool isOptional,
        DateOnly? plannedStart,
        DateOnly? due,
        Actor by,
        DateTimeOffset at)
    {
        if (State == PhaseState.Completed)
        {
            throw new DomainRuleException($"The {Name} phase is completed; tasks can no longer be added to it.");
        }

        if (!IsWorkingRole(responsibleRole) && responsibleRole != ProjectRole.TeamLead)
        {
            throw new DomainRuleException($"A task cannot be owned by the {DisplayNames.Of(responsibleRole)} role.");
        }

        Guard.DateRange(plannedStart, due, "A task");
        var task = NewTask(title, description ?? "", responsibleRole, supportingRoles, isOptional, isCustom: true, []);
        task.SetPlannedWindow(plannedStart, due);
        task.RecordAdded(by, at);
        return task;
    }

    internal ProjectTask NewTask(
        string title,
        string description,
        ProjectRole responsibleRole,
        IEnumerable<ProjectRole> supportingRoles,
        bool isOptional,
        bool isCustom,
        IEnumerable<(string Text, bool IsRequired)> checklist)
    {
        var order = _tasks.Count == 0 ? 1 : _tasks.Max(t => t.Order) + 1;
        var task = new ProjectTask(this, order, title, description, responsibleRole, supportingRoles, isOptional, isCustom, checklist);
        _tasks.Add(task);
        return task;
    }

    internal void SetPlannedWindow(DateOnly start, DateOnly end)
    {
        PlannedStart = start;
        PlannedEnd = end;
    }

    private static bool IsWorkingRole(ProjectRole role) =>
        role is ProjectRole.DataEngineer or ProjectRole.DataScientist or ProjectRole.MLEngineer;

    private void EnsureState(string action, PhaseState expected)
    {
        if (State != expected)
        {
            throw new DomainRuleException($"Cannot {action} the {Name} phase: it is {DisplayNames.Of(State)}.");
        }
    }

    private void MoveTo(PhaseState state, Actor by, DateTimeOffset at, string? reason)
    {
        var from = State;
        State = state;
        Record(ActivityEntry.Create(
            ProjectId,
            ActivityKind.PhaseStateChanged,
            by,
            at,
            Name,
            Kind,
            from: DisplayNames.Of(from),
            to: DisplayNames.Of(state),
            reason: reason));
    }
}

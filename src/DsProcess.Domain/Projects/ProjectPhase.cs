using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Playbooks;

namespace DsProcess.Domain.Projects;

/// <summary>One of a project's four phases: NotStarted → Active → AwaitingGate → Completed.</summary>
public sealed class ProjectPhase : Entity, IPhaseFacts<ProjectTask>
{
    private readonly List<ProjectTask> _tasks = [];
    private readonly List<GateCriterion> _gate = [];

    private ProjectPhase()
    {
    }

    internal ProjectPhase(Project project, PhaseKind kind, string purpose, IEnumerable<string> gateCriteria, IEnumerable<AutomaticCriterionKind>? automaticCriteria)
    {
        Project = project;
        ProjectId = project.Id;
        Kind = kind;
        Purpose = purpose;
        AutomaticCriteriaChosen = automaticCriteria is null ? null : [.. automaticCriteria];
        Iteration = 1;
        var number = 0;
        foreach (var criterion in gateCriteria)
        {
            _gate.Add(new GateCriterion(++number, Guard.Text(criterion, "Gate criterion", Limits.ChecklistText), isRequired: true));
        }
    }

    public Guid ProjectId { get; private set; }

    public Project Project { get; private set; } = null!;

    public PhaseKind Kind { get; private set; }

    public string Purpose { get; private set; } = "";

    /// <summary>The gate's exit criteria, copied from the playbook and tailored by the team lead before submission.</summary>
    public IReadOnlyList<GateCriterion> Gate => _gate;

    /// <summary>The automatic criteria the playbook chose for this gate; null for the phase's usual ones.</summary>
    public List<AutomaticCriterionKind>? AutomaticCriteriaChosen { get; private set; }

    /// <summary>The automatic criteria the gate is judged on, from the project's evidence.</summary>
    public IReadOnlyList<AutomaticCriterionKind> AutomaticCriteria => AutomaticCriteriaChosen ?? GateEvidence.CriteriaOf(Kind);

    /// <summary>The project iteration this phase is in (it moves on when a new iteration restarts the phase).</summary>
    public int Iteration { get; private set; }

    /// <summary>The latest submission of this iteration's gate, kept here so the board reads it without searching.</summary>
    public Guid? LatestReviewId { get; private set; }

    public GateReview? LatestReview { get; private set; }

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
    public IEnumerable<ProjectTask> OpenRequiredTasks => WorkRules.OpenRequiredTasks(_tasks);

    public IEnumerable<GateCriterion> OpenRequiredCriteria => WorkRules.OpenRequiredCriteria(_gate);

    /// <summary>The roles that own this phase's tasks: they work the phase and submit it for its gate.</summary>
    public IEnumerable<ProjectRole> WorkingRoles => WorkRules.WorkingRoles(_tasks);

    IEnumerable<IGateCriterionFacts> IPhaseFacts<ProjectTask>.Criteria => _gate;

    protected override int? CurrentIteration => Iteration;

    public void SetGateCriterion(int number, bool met, Actor by, DateTimeOffset at)
    {
        Project.EnsureTakesWork();
        EnsureGateEditable();
        var criterion = _gate.SingleOrDefault(c => c.Number == number)
            ?? throw new DomainRuleException($"The {Name} gate has no criterion {number}.");
        if (criterion.IsMet == met)
        {
            return;
        }

        criterion.Set(met, by.Name, at);
        Record(ActivityEntry.Create(ProjectId, met ? ActivityKind.GateCriterionMet : ActivityKind.GateCriterionUnmet, by, at, criterion.Text, Kind));
    }

    public void AddGateCriterion(string text, bool isRequired, Actor by, DateTimeOffset at)
    {
        Project.EnsureTakesPlanning();
        EnsureGateEditable();
        var criterion = new GateCriterion(_gate.Count == 0 ? 1 : _gate.Max(c => c.Number) + 1, Guard.Text(text, "Gate criterion", Limits.ChecklistText), isRequired);
        _gate.Add(criterion);
        Record(ActivityEntry.Create(ProjectId, ActivityKind.GateCriterionAdded, by, at, criterion.Text, Kind, to: isRequired ? "required" : "optional"));
    }

    public void RemoveGateCriterion(int number, Actor by, DateTimeOffset at)
    {
        Project.EnsureTakesPlanning();
        EnsureGateEditable();
        var criterion = _gate.SingleOrDefault(c => c.Number == number)
            ?? throw new DomainRuleException($"The {Name} gate has no criterion {number}.");
        _gate.Remove(criterion);
        Record(ActivityEntry.Create(ProjectId, ActivityKind.GateCriterionRemoved, by, at, criterion.Text, Kind));
    }

    /// <summary>Submits the phase for its gate decision; the returned review records the submission.</summary>
    internal GateReview SubmitGate(string? note, Actor by, DateTimeOffset at)
    {
        SubmitForGate(by, at);
        var review = new GateReview(this, Iteration, note, by, at);
        LatestReview = review;
        LatestReviewId = review.Id;
        Record(ActivityEntry.Create(ProjectId, ActivityKind.GateSubmitted, by, at, Name, Kind, reason: review.Note));
        return review;
    }

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

        var criteria = OpenRequiredCriteria.ToList();
        if (criteria.Count > 0)
        {
            throw new DomainRuleException(
                $"Meet every required {Name} gate criterion first ({criteria.Count} open: {string.Join("; ", criteria.Select(c => c.Text))}).");
        }

        MoveTo(PhaseState.AwaitingGate, by, at, reason: null);
    }

    /// <summary>Starts the phase over for a new project iteration: tasks and gate criteria reset, history kept.</summary>
    internal void ResetForIteration(int iteration, bool activate, Actor by, DateTimeOffset at)
    {
        Iteration = iteration;
        foreach (var task in _tasks)
        {
            task.ResetForIteration();
        }

        foreach (var criterion in _gate)
        {
            criterion.Set(false, by.Name, at);
        }

        ActualStart = null;
        ActualEnd = null;
        LatestReview = null;
        LatestReviewId = null;
        State = PhaseState.NotStarted;
        if (activate)
        {
            Activate(by, at);
        }
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
        Project.EnsureTakesPlanning();
        if (!WorkRules.IsOpen(State))
        {
            throw new DomainRuleException(State == PhaseState.Completed
                ? $"The {Name} phase is completed; tasks can no longer be added to it."
                : $"The {Name} phase is awaiting its gate decision; add tasks once it is decided.");
        }

        if (!WorkRules.MayOwnTasks(responsibleRole))
        {
            throw new DomainRuleException($"A task cannot be owned by the {DisplayNames.Of(responsibleRole)} role.");
        }

        // A supporting role works the task too, so it must be one that may own tasks.
        if (supportingRoles.Where(r => !WorkRules.MayOwnTasks(r)).Select(DisplayNames.Of).FirstOrDefault() is { } notSupporting)
        {
            throw new DomainRuleException($"The {notSupporting} role cannot support a task.");
        }

        Guard.DateRange(plannedStart, due, "A task");
        var task = NewTask(title, description ?? "", responsibleRole, supportingRoles, isOptional, isCustom: true, []);
        task.SetPlannedWindow(plannedStart, due);
        task.RecordAdded(by, at);
        MarkChanged(at);
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

    /// <summary>
    /// Takes a newer playbook version's template of this phase (<paramref name="after"/>) before the phase starts,
    /// as a change from the version the project had (<paramref name="before"/>): gate criteria and tasks the newer
    /// version dropped go, ones it added arrive, tasks in both take its template (matched by title), in its order.
    /// What the team added itself stays, after the playbook's tasks, and so does a task work was handed to.
    /// </summary>
    internal void TakeTemplate(PlaybookPhase before, PlaybookPhase after)
    {
        Purpose = after.Purpose;
        AutomaticCriteriaChosen = after.AutomaticCriteria is null ? null : [.. after.AutomaticCriteria];
        _gate.RemoveAll(c => before.GateCriteria.Contains(c.Text) && !after.GateCriteria.Contains(c.Text));
        foreach (var text in after.GateCriteria.Where(t => _gate.All(c => c.Text != t)))
        {
            _gate.Add(new GateCriterion(_gate.Count == 0 ? 1 : _gate.Max(c => c.Number) + 1, text, isRequired: true));
        }

        _tasks.RemoveAll(t => !t.IsCustom && t.OpenHandoffId is null && !after.Tasks.Any(a => SameTitle(a.Title, t.Title)));
        var order = 0;
        var templated = new List<ProjectTask>();
        foreach (var template in after.Tasks)
        {
            var task = _tasks.FirstOrDefault(t => !t.IsCustom && SameTitle(t.Title, template.Title))
                ?? NewTask(template.Title, template.Description, template.ResponsibleRole, template.SupportingRoles, template.IsOptional, isCustom: false, []);
            task.TakeTemplate(template, ++order);
            templated.Add(task);
        }

        foreach (var task in _tasks.Except(templated).OrderBy(t => t.Order))
        {
            task.MoveTo(++order);
        }

        LayOutTasks(templated);
    }

    /// <summary>Spreads the given tasks, in order, evenly over the phase's planned window.</summary>
    internal void LayOutTasks(IReadOnlyList<ProjectTask> tasks)
    {
        if (PlannedStart is not { } start || PlannedEnd is not { } end)
        {
            return;
        }

        var days = end.DayNumber - start.DayNumber;
        for (var i = 0; i < tasks.Count; i++)
        {
            tasks[i].SetPlannedWindow(start.AddDays(days * i / tasks.Count), start.AddDays(days * (i + 1) / tasks.Count));
        }
    }

    private static bool SameTitle(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    internal void SetPlannedWindow(DateOnly start, DateOnly end)
    {
        PlannedStart = start;
        PlannedEnd = end;
    }

    internal void ShiftPlannedWindow(DateOnly? start, DateOnly? end)
    {
        PlannedStart = start;
        PlannedEnd = end;
    }

    private void EnsureGateEditable()
    {
        if (!WorkRules.IsOpen(State))
        {
            throw new DomainRuleException($"The {Name} gate is {(State == PhaseState.Completed ? "passed" : "awaiting its decision")}; its criteria can no longer change.");
        }
    }

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

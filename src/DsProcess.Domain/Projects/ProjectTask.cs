using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Handoffs;
using DsProcess.Domain.Playbooks;

namespace DsProcess.Domain.Projects;

/// <summary>
/// A unit of work inside a project phase, owned by a responsible role. Named so it never clashes with
/// <see cref="System.Threading.Tasks.Task"/>.
/// </summary>
public sealed class ProjectTask : Entity, ITaskFacts
{
    private readonly List<ChecklistItem> _checklist = [];

    private ProjectTask()
    {
    }

    internal ProjectTask(
        ProjectPhase phase,
        int order,
        string title,
        string description,
        ProjectRole responsibleRole,
        IEnumerable<ProjectRole> supportingRoles,
        bool isOptional,
        bool isCustom,
        IEnumerable<(string Text, bool IsRequired)> checklist)
    {
        Phase = phase;
        PhaseId = phase.Id;
        ProjectId = phase.ProjectId;
        Order = order;
        Title = Guard.Text(title, "Title", Limits.TaskTitle);
        Description = Guard.OptionalText(description, "Description", Limits.TaskDescription);
        ResponsibleRole = responsibleRole;
        SupportingRoles = [.. supportingRoles.Where(r => r != responsibleRole).Distinct()];
        IsOptional = isOptional;
        IsCustom = isCustom;
        AddChecklist(checklist);
    }

    public Guid ProjectId { get; private set; }

    public Guid PhaseId { get; private set; }

    public ProjectPhase Phase { get; private set; } = null!;

    public int Order { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public ProjectRole ResponsibleRole { get; private set; }

    public List<ProjectRole> SupportingRoles { get; private set; } = [];

    IReadOnlyList<ProjectRole> ITaskFacts.SupportingRoles => SupportingRoles;

    public bool IsOptional { get; private set; }

    /// <summary>Added to this project by its team, not copied from the playbook.</summary>
    public bool IsCustom { get; private set; }

    public ProjectTaskStatus Status { get; private set; }

    /// <summary>Why the task is Blocked or Not applicable; empty otherwise.</summary>
    public string? StatusReason { get; private set; }

    public DateOnly? PlannedStart { get; private set; }

    public DateOnly? Due { get; private set; }

    /// <summary>The member doing the task; null while the responsible role owes it.</summary>
    public Guid? AssigneeId { get; private set; }

    /// <summary>Work handed to this task and not yet acknowledged, kept here so the board reads it without searching.</summary>
    public Guid? OpenHandoffId { get; private set; }

    public Handoff? OpenHandoff { get; private set; }

    /// <summary>Links to what shows the work is done: dataset versions, notebooks, reports, pull requests.</summary>
    public List<string> Evidence { get; private set; } = [];

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public IReadOnlyList<ChecklistItem> Checklist => _checklist;

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public bool IsFinished => WorkRules.IsFinished(Status);

    protected override int? CurrentIteration => Phase.Iteration;

    /// <summary>The roles whose holders may do this task: the responsible role and the supporting ones.</summary>
    public IEnumerable<ProjectRole> WorkingRoles => SupportingRoles.Prepend(ResponsibleRole);

    public bool IsWorkableBy(IEnumerable<ProjectRole> roles) => WorkRules.IsWorkableBy(this, roles);

    /// <summary>
    /// Gives the task to a member holding its responsible or a supporting role, or back to the role (null).
    /// Names are for the activity log.
    /// </summary>
    public void Assign(Guid? personId, string? personName, IReadOnlyCollection<ProjectRole> rolesOfPerson, string? previousName, Actor by, DateTimeOffset at)
    {
        Phase.Project.EnsureTakesPlanning();
        if (Phase.State == PhaseState.Completed)
        {
            throw new DomainRuleException($"The {DisplayNames.Of(Phase.Kind)} phase is completed; its tasks can no longer be reassigned.");
        }

        if (personId == AssigneeId)
        {
            return;
        }

        if (personId is not null && !IsWorkableBy(rolesOfPerson))
        {
            throw new DomainRuleException(
                $"{personName} cannot take \"{Title}\": it needs a {string.Join(" or ", WorkingRoles.Select(r => DisplayNames.Of(r).ToLowerInvariant()))}.");
        }

        AssigneeId = personId;
        Record(ActivityEntry.Create(
            ProjectId,
            ActivityKind.TaskAssigned,
            by,
            at,
            Title,
            Phase.Kind,
            Id,
            previousName ?? $"{DisplayNames.Of(ResponsibleRole)} (unassigned)",
            personName ?? $"{DisplayNames.Of(ResponsibleRole)} (unassigned)"));
    }

    public void Start(Actor by, DateTimeOffset at)
    {
        EnsurePhaseOpen();
        EnsureStatus("start", ProjectTaskStatus.NotStarted);
        StartedAt ??= at;
        MoveTo(ProjectTaskStatus.InProgress, by, at, reason: null);
    }

    public void Block(string reason, Actor by, DateTimeOffset at)
    {
        EnsurePhaseOpen();
        EnsureStatus("block", ProjectTaskStatus.NotStarted, ProjectTaskStatus.InProgress);
        MoveTo(ProjectTaskStatus.Blocked, by, at, RequireReason(reason, "Blocking a task"));
    }

    public void Unblock(Actor by, DateTimeOffset at)
    {
        EnsurePhaseOpen();
        EnsureStatus("unblock", ProjectTaskStatus.Blocked);
        StartedAt ??= at;
        MoveTo(ProjectTaskStatus.InProgress, by, at, reason: null);
    }

    public void MarkDone(Actor by, DateTimeOffset at) => MarkDone([], by, at);

    /// <summary>Finishes the task, keeping the links that show the work as evidence.</summary>
    public void MarkDone(IReadOnlyList<string> evidence, Actor by, DateTimeOffset at)
    {
        EnsurePhaseOpen();
        if (Phase.State != PhaseState.Active)
        {
            throw new DomainRuleException(
                $"\"{Title}\" cannot be Done while the {DisplayNames.Of(Phase.Kind)} phase is not active.");
        }

        EnsureStatus("finish", ProjectTaskStatus.InProgress);
        var open = _checklist.Where(i => i.IsRequired && !i.IsDone).ToList();
        if (open.Count > 0)
        {
            throw new DomainRuleException(
                $"Tick every required checklist item first ({open.Count} left: {string.Join("; ", open.Select(i => i.Text))}).");
        }

        CompletedAt = at;
        Evidence.AddRange(evidence.Select(e => e.Trim()).Where(e => e.Length > 0 && !Evidence.Contains(e)));
        MoveTo(ProjectTaskStatus.Done, by, at, reason: null);
    }

    public void MarkNotApplicable(string reason, Actor by, DateTimeOffset at)
    {
        EnsurePhaseOpen();
        if (!IsOptional)
        {
            throw new DomainRuleException($"\"{Title}\" is required; only optional tasks can be marked not applicable.");
        }

        EnsureStatus("mark not applicable", ProjectTaskStatus.NotStarted, ProjectTaskStatus.InProgress, ProjectTaskStatus.Blocked);
        CompletedAt = at;
        MoveTo(ProjectTaskStatus.NotApplicable, by, at, RequireReason(reason, "Marking a task not applicable"));
    }

    public void Reopen(string reason, Actor by, DateTimeOffset at)
    {
        EnsurePhaseOpen();
        EnsureStatus("reopen", ProjectTaskStatus.Done, ProjectTaskStatus.NotApplicable);
        var why = RequireReason(reason, "Reopening a task");
        CompletedAt = null;
        MoveTo(Status == ProjectTaskStatus.Done ? ProjectTaskStatus.InProgress : ProjectTaskStatus.NotStarted, by, at, why);
    }

    public void SetChecklistItem(int number, bool done, Actor by, DateTimeOffset at)
    {
        EnsurePhaseOpen();
        if (IsFinished)
        {
            throw new DomainRuleException($"\"{Title}\" is {DisplayNames.Of(Status)}; reopen it before changing its checklist.");
        }

        var item = _checklist.SingleOrDefault(i => i.Number == number)
            ?? throw new DomainRuleException($"\"{Title}\" has no checklist item {number}.");
        if (item.IsDone == done)
        {
            return;
        }

        if (done)
        {
            item.Tick(by.Name, at);
        }
        else
        {
            item.Untick();
        }

        Record(ActivityEntry.Create(
            ProjectId,
            done ? ActivityKind.ChecklistItemTicked : ActivityKind.ChecklistItemUnticked,
            by,
            at,
            item.Text,
            Phase.Kind,
            Id));
    }

    public void Plan(string title, string? description, DateOnly? plannedStart, DateOnly? due, Actor by, DateTimeOffset at)
    {
        Phase.Project.EnsureTakesPlanning();
        if (Phase.State == PhaseState.Completed)
        {
            throw new DomainRuleException($"The {DisplayNames.Of(Phase.Kind)} phase is completed; its tasks can no longer be planned.");
        }

        Guard.DateRange(plannedStart, due, "A task");
        var newTitle = Guard.Text(title, "Title", Limits.TaskTitle);
        var newDescription = Guard.OptionalText(description, "Description", Limits.TaskDescription);
        var changes = new List<string>();
        if (newTitle != Title)
        {
            changes.Add($"title \"{Title}\" → \"{newTitle}\"");
        }

        if (newDescription != Description)
        {
            changes.Add("description");
        }

        if (plannedStart != PlannedStart || due != Due)
        {
            changes.Add($"dates {Describe(PlannedStart, Due)} → {Describe(plannedStart, due)}");
        }

        if (changes.Count == 0)
        {
            return;
        }

        Title = newTitle;
        Description = newDescription;
        PlannedStart = plannedStart;
        Due = due;
        Record(ActivityEntry.Create(ProjectId, ActivityKind.TaskPlanned, by, at, Title, Phase.Kind, Id, to: string.Join("; ", changes)));
    }

    /// <summary>The receiver confirms it has taken over work handed to this task; the task stops showing it as waiting.</summary>
    public void Acknowledge(Handoff handoff, Actor by, DateTimeOffset at)
    {
        Phase.Project.EnsureTakesWork();
        if (handoff.ToTaskId != Id)
        {
            throw new DomainRuleException($"That handoff went to \"{handoff.ToTaskTitle}\", not to \"{Title}\".");
        }

        handoff.Acknowledge(by, at);
        if (OpenHandoffId == handoff.Id)
        {
            OpenHandoff = null;
            OpenHandoffId = null;
        }
    }

    internal void Receive(Handoff handoff)
    {
        OpenHandoff = handoff;
        OpenHandoffId = handoff.Id;
    }

    /// <summary>Back to the start for a new iteration: status, reasons, checklist and open handoff cleared; assignee, plan and evidence kept.</summary>
    internal void ResetForIteration()
    {
        OpenHandoff = null;
        OpenHandoffId = null;
        Status = ProjectTaskStatus.NotStarted;
        StatusReason = null;
        StartedAt = null;
        CompletedAt = null;
        foreach (var item in _checklist)
        {
            item.Untick();
        }
    }

    /// <summary>
    /// Takes a newer playbook version's template of this task (matched by title) before its phase starts: its
    /// description, roles, optional flag and checklist. A task whose roles change goes back to its role.
    /// </summary>
    internal void TakeTemplate(PlaybookTask template, int order)
    {
        if (template.ResponsibleRole != ResponsibleRole || !template.SupportingRoles.Order().SequenceEqual(SupportingRoles.Order()))
        {
            AssigneeId = null;
        }

        Order = order;
        Description = Guard.OptionalText(template.Description, "Description", Limits.TaskDescription);
        ResponsibleRole = template.ResponsibleRole;
        SupportingRoles = [.. template.SupportingRoles.Where(r => r != template.ResponsibleRole).Distinct()];
        IsOptional = template.IsOptional;
        _checklist.Clear();
        AddChecklist(template.Checklist.Select(c => (c.Text, c.IsRequired)));
    }

    internal void MoveTo(int order) => Order = order;

    private void AddChecklist(IEnumerable<(string Text, bool IsRequired)> checklist)
    {
        var number = 0;
        foreach (var (text, isRequired) in checklist)
        {
            _checklist.Add(new ChecklistItem(++number, Guard.Text(text, "Checklist item", Limits.ChecklistText), isRequired));
        }
    }

    internal void RecordAdded(Actor by, DateTimeOffset at) =>
        Record(ActivityEntry.Create(ProjectId, ActivityKind.TaskAdded, by, at, Title, Phase.Kind, Id));

    internal void SetPlannedWindow(DateOnly? start, DateOnly? due)
    {
        PlannedStart = start;
        Due = due;
    }

    private static string Describe(DateOnly? start, DateOnly? due) =>
        $"{start?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none"}..{due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";

    private static string RequireReason(string? reason, string action)
    {
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainRuleException($"{action} needs a reason.");
        }

        return trimmed.Length > Limits.Reason
            ? throw new DomainRuleException($"The reason must be at most {Limits.Reason} characters.")
            : trimmed;
    }

    /// <summary>Task moves and checklist ticks: the project must take work and the phase be open.</summary>
    private void EnsurePhaseOpen()
    {
        Phase.Project.EnsureTakesWork();
        var phase = DisplayNames.Of(Phase.Kind);
        switch (Phase.State)
        {
            case PhaseState.AwaitingGate:
                throw new DomainRuleException($"The {phase} phase is awaiting its gate decision; its tasks cannot change until the gate is decided.");
            case PhaseState.Completed:
                throw new DomainRuleException($"The {phase} phase is completed; its tasks can no longer change.");
        }
    }

    private void EnsureStatus(string action, params ProjectTaskStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainRuleException($"Cannot {action} \"{Title}\": it is {DisplayNames.Of(Status)}.");
        }
    }

    private void MoveTo(ProjectTaskStatus status, Actor by, DateTimeOffset at, string? reason)
    {
        var from = Status;
        Status = status;
        // Whether the phase may pass its gate depends on its tasks' statuses: a gate submitted at the same moment
        // as this move must conflict with it rather than pass over it.
        Phase.MarkChanged(at);
        StatusReason = status is ProjectTaskStatus.Blocked or ProjectTaskStatus.NotApplicable ? reason : null;
        Record(ActivityEntry.Create(
            ProjectId,
            ActivityKind.TaskStatusChanged,
            by,
            at,
            Title,
            Phase.Kind,
            Id,
            DisplayNames.Of(from),
            DisplayNames.Of(status),
            reason));
    }
}

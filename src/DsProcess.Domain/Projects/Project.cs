using System.Linq.Expressions;
using System.Text.RegularExpressions;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Handoffs;
using DsProcess.Domain.Playbooks;

namespace DsProcess.Domain.Projects;

/// <summary>A data-science project: a snapshot of the playbook's phases and tasks, worked through in order.</summary>
public sealed partial class Project : Entity
{
    // Share of the project's planned duration given to each phase when dates are first laid out.
    private static readonly Dictionary<PhaseKind, int> PhaseWeights = new()
    {
        [PhaseKind.DataDevelopment] = 3,
        [PhaseKind.ModelDevelopment] = 3,
        [PhaseKind.ProductionDeployment] = 2,
        [PhaseKind.BusinessAnalysis] = 2,
    };

    private readonly List<ProjectPhase> _phases = [];
    private readonly List<ProjectMember> _members = [];

    private Project()
    {
    }

    public string Key { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Objective { get; private set; } = "";

    public DateOnly StartDate { get; private set; }

    public DateOnly TargetDate { get; private set; }

    public ProjectStatus Status { get; private set; }

    /// <summary>Why the project is on hold or was cancelled; null while it runs.</summary>
    public string? StatusReason { get; private set; }

    /// <summary>Since when the project is on hold, or when it was cancelled; null while it runs.</summary>
    public DateTimeOffset? StatusSince { get; private set; }

    /// <summary>The phase being worked on or awaiting its gate; null once the project is completed.</summary>
    public PhaseKind? CurrentPhase { get; private set; }

    public int Iteration { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid PlaybookId { get; private set; }

    public IReadOnlyList<ProjectPhase> Phases => _phases;

    public IReadOnlyList<ProjectMember> Members => _members;

    protected override int? CurrentIteration => Iteration;

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>Creates a project from a playbook; whoever creates it becomes its first team lead.</summary>
    public static Project CreateFromPlaybook(
        Playbook playbook,
        string key,
        string name,
        string? objective,
        DateOnly startDate,
        DateOnly targetDate,
        Actor by,
        DateTimeOffset at)
    {
        if (by.UserId is not { } creatorId)
        {
            throw new DomainRuleException("A project is created by a person, who becomes its team lead.");
        }

        if (!IsValidKey(key))
        {
            throw new DomainRuleException(
                $"The key must be {Limits.ProjectKeyMin}–{Limits.ProjectKeyMax} capital letters or digits, like CHURN.");
        }

        if (targetDate <= startDate)
        {
            throw new DomainRuleException("The target date must be after the start date.");
        }

        if (playbook.IsDraft)
        {
            throw new DomainRuleException($"\"{playbook.Label}\" is a draft; a project starts from a published playbook.");
        }

        if (playbook.Phases.Count == 0)
        {
            throw new DomainRuleException($"The playbook \"{playbook.Name}\" has no phases.");
        }

        var project = new Project
        {
            Key = key,
            Name = Guard.Text(name, "Name", Limits.ProjectName),
            Objective = Guard.OptionalText(objective, "Objective", Limits.Objective),
            StartDate = startDate,
            TargetDate = targetDate,
            Status = ProjectStatus.Active,
            Iteration = 1,
            CreatedAt = at,
            PlaybookId = playbook.Id,
        };

        foreach (var template in playbook.Phases.OrderBy(p => p.Kind))
        {
            var phase = new ProjectPhase(project, template.Kind, template.Purpose, template.GateCriteria, template.AutomaticCriteria);
            foreach (var task in template.Tasks)
            {
                phase.NewTask(
                    task.Title,
                    task.Description,
                    task.ResponsibleRole,
                    task.SupportingRoles,
                    task.IsOptional,
                    isCustom: false,
                    task.Checklist.Select(c => (c.Text, c.IsRequired)));
            }

            project._phases.Add(phase);
        }

        project.LayOutPlannedDates();
        project.Record(ActivityEntry.Create(project.Id, ActivityKind.ProjectCreated, by, at, project.Name, to: project.Key));
        project.AddMember(creatorId, by.Name, [ProjectRole.TeamLead], by, at);
        var first = project._phases[0];
        first.Activate(by, at);
        project.CurrentPhase = first.Kind;
        return project;
    }

    /// <summary>Edits the project's name and objective (the same rules as at creation); each changed field is logged with its old and new value.</summary>
    public void EditDetails(string name, string? objective, Actor by, DateTimeOffset at)
    {
        EnsureTakesPlanning();
        var newName = Guard.Text(name, "Name", Limits.ProjectName);
        var newObjective = Guard.OptionalText(objective, "Objective", Limits.Objective);
        if (newName != Name)
        {
            Record(ActivityEntry.Create(Id, ActivityKind.ProjectEdited, by, at, "Name", from: Limits.Clip(Name, ActivityFromLength), to: Limits.Clip(newName, ActivityToLength)));
            Name = newName;
        }

        if (newObjective != Objective)
        {
            Record(ActivityEntry.Create(Id, ActivityKind.ProjectEdited, by, at, "Objective", from: Limits.Clip(Objective, ActivityFromLength), to: Limits.Clip(newObjective, ActivityToLength)));
            Objective = newObjective;
        }
    }

    /// <summary>
    /// What re-planning to <paramref name="newTarget"/> would move: every phase not completed and every task not
    /// finished in it, shifted by as many days as the target date moves. Nothing changes; <see cref="Replan"/> applies
    /// exactly this.
    /// </summary>
    public IReadOnlyList<PlannedShift> PreviewReplan(DateOnly newTarget)
    {
        EnsureReplannable(newTarget);
        var days = newTarget.DayNumber - TargetDate.DayNumber;
        var shifts = new List<PlannedShift>();
        foreach (var phase in _phases.Where(p => p.State != PhaseState.Completed).OrderBy(p => p.Kind))
        {
            shifts.Add(new PlannedShift(phase.Kind, null, phase.Name, phase.PlannedStart, phase.PlannedEnd, Shift(phase.PlannedStart, days, phase.Name), Shift(phase.PlannedEnd, days, phase.Name)));
            foreach (var task in phase.Tasks.Where(t => !t.IsFinished && (t.PlannedStart is not null || t.Due is not null)).OrderBy(t => t.Order))
            {
                shifts.Add(new PlannedShift(phase.Kind, task.Id, task.Title, task.PlannedStart, task.Due, Shift(task.PlannedStart, days, task.Title), Shift(task.Due, days, task.Title)));
            }
        }

        return shifts;
    }

    /// <summary>A planned date moved by <paramref name="days"/>; refused when that would leave the calendar (a date planned at its very end).</summary>
    private static DateOnly? Shift(DateOnly? date, int days, string what)
    {
        if (date is not { } planned)
        {
            return null;
        }

        var moved = (long)planned.DayNumber + days;
        return moved >= DateOnly.MinValue.DayNumber && moved <= DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber((int)moved)
            : throw new DomainRuleException($"Moving the plan by {days} days would take \"{what}\" ({Show(planned)}) off the calendar; plan it again first.");
    }

    /// <summary>
    /// Moves the target date and shifts the planned dates of the open work with it (<see cref="PreviewReplan"/>);
    /// finished tasks and completed phases keep their dates. Returns what moved.
    /// </summary>
    public IReadOnlyList<PlannedShift> Replan(DateOnly newTarget, string? reason, Actor by, DateTimeOffset at)
    {
        var shifts = PreviewReplan(newTarget);
        var why = Guard.OptionalText(reason, "The reason for re-planning", Limits.Reason);
        foreach (var shift in shifts)
        {
            var phase = Phase(shift.Phase);
            if (shift.TaskId is { } taskId)
            {
                phase.Tasks.Single(t => t.Id == taskId).SetPlannedWindow(shift.StartAfter, shift.EndAfter);
            }
            else
            {
                phase.ShiftPlannedWindow(shift.StartAfter, shift.EndAfter);
            }
        }

        var from = TargetDate;
        TargetDate = newTarget;
        var days = newTarget.DayNumber - from.DayNumber;
        Record(ActivityEntry.Create(
            Id,
            ActivityKind.ProjectReplanned,
            by,
            at,
            Name,
            from: Show(from),
            to: $"{Show(newTarget)} ({shifts.Count} planned item(s) moved {Math.Abs(days)} day(s) {(days > 0 ? "later" : "earlier")})",
            reason: why));
        return shifts;
    }

    /// <summary>
    /// Pauses an active project, with the reason: its work stops (<see cref="WorkRules.TakesWork"/>) and nothing of it
    /// is overdue until it resumes; planning goes on.
    /// </summary>
    public void PutOnHold(string reason, Actor by, DateTimeOffset at)
    {
        var why = Guard.Text(reason, "The reason for putting the project on hold", Limits.Reason);
        if (!WorkRules.CanBePutOnHold(Status))
        {
            throw new DomainRuleException(Status switch
            {
                ProjectStatus.OnHold => $"{Key} is already on hold.",
                ProjectStatus.Cancelled => CancelledMessage,
                _ => $"{Key} is {DisplayNames.Of(Status)}; only an active project is put on hold.",
            });
        }

        MoveTo(ProjectStatus.OnHold, why, at, ActivityKind.ProjectPutOnHold, by);
    }

    /// <summary>
    /// Resumes a project on hold. Planned dates stay as they are (they do not shift by the time paused): the team
    /// lead re-plans if the target date should move.
    /// </summary>
    public void Resume(Actor by, DateTimeOffset at)
    {
        if (!WorkRules.CanBeResumed(Status))
        {
            throw new DomainRuleException(Status == ProjectStatus.Cancelled ? CancelledMessage : $"{Key} is not on hold.");
        }

        MoveTo(ProjectStatus.Active, null, at, ActivityKind.ProjectResumed, by);
    }

    /// <summary>Cancels an active or paused project, with the reason. Final: a cancelled project is read-only.</summary>
    public void Cancel(string reason, Actor by, DateTimeOffset at)
    {
        var why = Guard.Text(reason, "The reason for cancelling the project", Limits.Reason);
        if (!WorkRules.CanBeCancelled(Status))
        {
            throw new DomainRuleException(Status == ProjectStatus.Cancelled
                ? $"{Key} is already cancelled."
                : $"{Key} is {DisplayNames.Of(Status)}; only an active or paused project is cancelled.");
        }

        MoveTo(ProjectStatus.Cancelled, why, at, ActivityKind.ProjectCancelled, by);
    }

    /// <summary>Refuses work (task moves, ticks, gates, handoffs) while the project is on hold or cancelled (<see cref="WorkRules.TakesWork"/>).</summary>
    public void EnsureTakesWork()
    {
        if (WorkRules.WhyNoWork(Key, Status, StatusReason) is { } why)
        {
            throw new DomainRuleException(why);
        }
    }

    /// <summary>Refuses planning and edits once the project is cancelled (<see cref="WorkRules.TakesPlanning"/>).</summary>
    /// <summary>The phases a newer version of the playbook may still change: never started, in any iteration.</summary>
    public IEnumerable<ProjectPhase> PhasesNotStarted => _phases.Where(IsNotStartedPhase);

    /// <summary>A phase never started, in any iteration; an expression, so a query asks the database the same.</summary>
    public static readonly Expression<Func<ProjectPhase, bool>> NotStartedPhase = p => p.State == PhaseState.NotStarted && p.Iteration == 1;

    private static readonly Func<ProjectPhase, bool> IsNotStartedPhase = NotStartedPhase.Compile();

    /// <summary>
    /// Takes a newer published version of the project's playbook for the phases not yet started
    /// (<see cref="ProjectPhase.TakeTemplate"/>); the phases under way or done keep what they have. Returns the
    /// phases that changed.
    /// </summary>
    public IReadOnlyList<PhaseKind> TakePlaybookVersion(Playbook current, Playbook newer, Actor by, DateTimeOffset at)
    {
        EnsureTakesPlanning();
        if (current.Id != PlaybookId)
        {
            throw new DomainRuleException($"The project runs on another playbook than {current.Label}.");
        }

        if (newer.Lineage != current.Lineage || newer.Number <= current.Number || newer.IsDraft)
        {
            throw new DomainRuleException($"{newer.Label} is not a newer published version of {current.Label}.");
        }

        var phases = PhasesNotStarted.ToList();
        if (phases.Count == 0)
        {
            throw new DomainRuleException("Every phase has started, so a newer version of the playbook would change nothing here.");
        }

        foreach (var phase in phases)
        {
            phase.TakeTemplate(current.Phases.Single(p => p.Kind == phase.Kind), newer.Phases.Single(p => p.Kind == phase.Kind));
        }

        PlaybookId = newer.Id;
        Record(ActivityEntry.Create(Id, ActivityKind.PlaybookVersionTaken, by, at, newer.Label, from: current.Label, to: string.Join(", ", phases.Select(p => p.Name))));
        return [.. phases.Select(p => p.Kind)];
    }

    public void EnsureTakesPlanning()
    {
        if (!WorkRules.TakesPlanning(Status))
        {
            throw new DomainRuleException(CancelledMessage);
        }
    }

    public IReadOnlyList<ProjectRole> RolesOf(Guid? personId) =>
        _members.SingleOrDefault(m => m.PersonId == personId)?.Roles ?? [];

    public IEnumerable<ProjectTask> Tasks => _phases.SelectMany(p => p.Tasks);

    public void AddMember(Guid personId, string personName, IEnumerable<ProjectRole> roles, Actor by, DateTimeOffset at)
    {
        EnsureTakesPlanning();
        if (_members.Any(m => m.PersonId == personId))
        {
            throw new DomainRuleException($"{personName} is already on the team; change their roles instead.");
        }

        var member = new ProjectMember(Id, personId, RequireRoles(roles));
        _members.Add(member);
        Record(ActivityEntry.Create(Id, ActivityKind.MemberAdded, by, at, personName, to: Describe(member.Roles)));
    }

    /// <summary>Changes a member's roles; tasks they can no longer do go back to their role.</summary>
    public void ChangeMemberRoles(Guid personId, string personName, IEnumerable<ProjectRole> roles, Actor by, DateTimeOffset at)
    {
        EnsureTakesPlanning();
        var member = Member(personId, personName);
        var newRoles = RequireRoles(roles);
        if (newRoles.SequenceEqual(member.Roles))
        {
            return;
        }

        EnsureAnotherLeadRemains(member, newRoles);
        var from = Describe(member.Roles);
        member.SetRoles(newRoles);
        Record(ActivityEntry.Create(Id, ActivityKind.MemberRolesChanged, by, at, personName, from: from, to: Describe(member.Roles)));
        foreach (var task in Tasks.Where(t => t.AssigneeId == personId && !t.IsWorkableBy(newRoles) && t.Phase.State != PhaseState.Completed))
        {
            task.Assign(null, null, [], personName, by, at);
        }
    }

    /// <summary>Takes a person off the team; their open tasks go back to their roles.</summary>
    public void RemoveMember(Guid personId, string personName, Actor by, DateTimeOffset at)
    {
        EnsureTakesPlanning();
        var member = Member(personId, personName);
        EnsureAnotherLeadRemains(member, []);
        _members.Remove(member);
        Record(ActivityEntry.Create(Id, ActivityKind.MemberRemoved, by, at, personName, from: Describe(member.Roles)));
        foreach (var task in Tasks.Where(t => t.AssigneeId == personId && t.Phase.State != PhaseState.Completed))
        {
            task.Assign(null, null, [], personName, by, at);
        }
    }

    public ProjectPhase Phase(PhaseKind kind) =>
        _phases.SingleOrDefault(p => p.Kind == kind)
        ?? throw new DomainRuleException($"This project has no {DisplayNames.Of(kind)} phase.");

    /// <inheritdoc cref="WorkRules.DecidingRole{TTask}"/>
    public ProjectRole? DecidingRole(PhaseKind phase) => WorkRules.DecidingRole(_phases, phase);

    public bool IsLastPhase(PhaseKind phase) => WorkRules.IsLastPhase(_phases, phase);

    /// <summary>
    /// Submits the phase for its gate; the returned review waits for a decision. <paramref name="automatic"/> is the
    /// phase's automatic criteria evaluated from the project's evidence (<see cref="GateEvidence.Evaluate"/>); every
    /// one must be met.
    /// </summary>
    public GateReview SubmitGate(PhaseKind phase, string? note, IReadOnlyList<AutomaticCriterion> automatic, Actor by, DateTimeOffset at)
    {
        EnsureActive();
        var submitted = Phase(phase);
        EnsureAutomaticCriteriaMet(submitted, automatic, "submitted");
        return submitted.SubmitGate(note, by, at);
    }

    /// <summary>
    /// Approves a submitted gate: the phase is completed and the next one activated. The last gate ends the
    /// project or starts a new iteration, as the outcome says. The submitter may not approve.
    /// </summary>
    /// <remarks>
    /// The automatic criteria are evaluated again at the decision (the evidence may have changed since the
    /// submission); the versions behind them are recorded on the review, for good.
    /// </remarks>
    public void ApproveGate(GateReview review, GateOutcome outcome, IReadOnlyList<AutomaticCriterion> automatic, Actor by, DateTimeOffset at)
    {
        var phase = ReviewedPhase(review);
        var last = IsLastPhase(phase.Kind);
        var allowed = last
            ? outcome == GateOutcome.CompleteProject || GateOutcomes.IteratesFrom(outcome) is PhaseKind.ModelDevelopment or PhaseKind.ProductionDeployment
            : outcome == GateOutcome.NextPhase;
        if (!allowed)
        {
            throw new DomainRuleException(last
                ? "The outcome review ends the project or starts a new iteration; choose one."
                : "Approving this gate moves the project to its next phase.");
        }

        EnsureAutomaticCriteriaMet(phase, automatic, "approved");
        review.Decide(GateDecision.Approved, outcome, null, automatic.SelectMany(c => c.Evidence), by, at);
        phase.Complete(by, at);
        Record(ActivityEntry.Create(Id, ActivityKind.GateApproved, by, at, phase.Name, phase.Kind, to: Describe(outcome)));
        switch (outcome)
        {
            case GateOutcome.NextPhase:
                var next = _phases.Where(p => p.Kind > phase.Kind).OrderBy(p => p.Kind).First();
                next.Activate(by, at);
                CurrentPhase = next.Kind;
                break;
            case GateOutcome.CompleteProject:
                CurrentPhase = null;
                Status = ProjectStatus.Completed;
                Record(ActivityEntry.Create(Id, ActivityKind.ProjectCompleted, by, at, Name, to: DisplayNames.Of(Status)));
                break;
            default:
                StartIteration(GateOutcomes.IteratesFrom(outcome)!.Value, by, at);
                break;
        }
    }

    /// <summary>Sends a submitted phase back to work; the reason stays on the review and the board.</summary>
    public void RejectGate(GateReview review, string reason, Actor by, DateTimeOffset at)
    {
        var phase = ReviewedPhase(review);
        var why = Guard.Text(reason, "The reason for rejecting", Limits.Reason);
        review.Decide(GateDecision.Rejected, null, why, [], by, at);
        phase.ReturnToWork(why, by, at);
        Record(ActivityEntry.Create(Id, ActivityKind.GateRejected, by, at, phase.Name, phase.Kind, reason: why));
    }

    /// <summary>
    /// Rejects a submitted gate and sends the project back to <paramref name="to"/>, a phase before the reviewed one
    /// (<see cref="WorkRules.SendBackTargets"/>): the review records the reason and the phase as its outcome, and a
    /// new iteration starts there (that phase and those after it run again; earlier phases stay completed, history
    /// stays). Rework in the same phase is a plain <see cref="RejectGate"/>.
    /// </summary>
    public void SendBack(GateReview review, PhaseKind to, string reason, Actor by, DateTimeOffset at)
    {
        var phase = ReviewedPhase(review);
        if (!WorkRules.SendBackTargets(phase.Kind, _phases.Select(p => p.Kind)).Contains(to))
        {
            throw new DomainRuleException(to >= phase.Kind
                ? $"The {phase.Name} gate sends the project back only to an earlier phase; {(to == phase.Kind ? "to rework this phase, reject the gate" : $"{DisplayNames.Of(to)} comes after it")}."
                : $"This project has no {DisplayNames.Of(to)} phase to send it back to.");
        }

        var why = Guard.Text(reason, "The reason for sending the project back", Limits.Reason);
        var outcome = GateOutcomes.IterateFrom(to);
        review.Decide(GateDecision.Rejected, outcome, why, [], by, at);
        Record(ActivityEntry.Create(Id, ActivityKind.GateRejected, by, at, phase.Name, phase.Kind, to: $"Back to {DisplayNames.Of(to)}: new iteration", reason: why));
        StartIteration(to, by, at, why);
    }

    /// <summary>Whether the project's lifecycle is complete: its status is Completed or In operation.</summary>
    public bool IsLifecycleComplete => Status is ProjectStatus.Completed or ProjectStatus.InOperation;

    /// <summary>
    /// Keeps "In operation" in step with what runs in production: a completed project with a live production
    /// deployment of a model version that is not retired is In operation; without one it is Completed. Anything else
    /// (an active, paused or cancelled project) is left as it is. Returns whether the status changed.
    /// </summary>
    public bool ReflectOperation(bool liveInProduction, Actor by, DateTimeOffset at)
    {
        var status = (Status, liveInProduction) switch
        {
            (ProjectStatus.Completed, true) => ProjectStatus.InOperation,
            (ProjectStatus.InOperation, false) => ProjectStatus.Completed,
            _ => Status,
        };
        if (status == Status)
        {
            return false;
        }

        var from = Status;
        Status = status;
        Record(ActivityEntry.Create(Id, ActivityKind.OperationStatusChanged, by, at, Name, from: DisplayNames.Of(from), to: DisplayNames.Of(status)));
        return true;
    }

    /// <summary>
    /// Rework found in operation (an alert triaged as rework): a new iteration starting from <paramref name="from"/>,
    /// with the alert's reason. A completed project (or one in operation) becomes active again; an active one may be
    /// sent back only to a phase before the one it works on, and not while a gate awaits its decision. A project on
    /// hold or cancelled is refused.
    /// </summary>
    public void StartReworkFromOperations(PhaseKind from, string reason, Actor by, DateTimeOffset at)
    {
        var why = Guard.Text(reason, "The reason for the rework", Limits.Reason);
        Phase(from);
        if (Status == ProjectStatus.Active)
        {
            var current = CurrentPhase is { } kind ? Phase(kind) : null;
            if (current is null || current.Kind <= from)
            {
                throw new DomainRuleException($"{Name} is already working on {DisplayNames.Of(current?.Kind ?? from)}; the rework belongs there, no new iteration is needed.");
            }

            if (current.State == PhaseState.AwaitingGate)
            {
                throw new DomainRuleException($"The {current.Name} gate awaits its decision; decide it before starting a rework.");
            }
        }
        else if (!IsLifecycleComplete)
        {
            throw new DomainRuleException($"{Name} is {DisplayNames.Of(Status)}; resume it before starting a rework.");
        }

        if (Status != ProjectStatus.Active)
        {
            var was = Status;
            Status = ProjectStatus.Active;
            Record(ActivityEntry.Create(Id, ActivityKind.OperationStatusChanged, by, at, Name, from: DisplayNames.Of(was), to: DisplayNames.Of(Status), reason: why));
        }

        StartIteration(from, by, at, why);
    }

    /// <summary>
    /// After a task is done: when the task receiving the work (<see cref="WorkRules.NextTaskAfter{TTask}"/>) belongs
    /// to another role, the work is handed to that role, with the dataset and model <paramref name="versions"/> it
    /// produced (the caller checks they are this project's).
    /// </summary>
    public Handoff? HandOffAfter(ProjectTask done, string? note, IReadOnlyList<string> links, Actor by, DateTimeOffset at, IReadOnlyList<EvidenceRef>? versions = null)
    {
        var next = WorkRules.NextTaskAfter(_phases, done);
        if (next is null || next.ResponsibleRole == done.ResponsibleRole)
        {
            return versions is { Count: > 0 }
                ? throw new DomainRuleException("Versions are handed over only to another role, and the next task stays with this one: nothing is handed over.")
                : null;
        }

        var handoff = new Handoff(done, next, Iteration, note, links, versions ?? [], by, at);
        next.Receive(handoff);
        return handoff;
    }

    private static List<ProjectRole> RequireRoles(IEnumerable<ProjectRole> roles)
    {
        var normalized = ProjectMember.Normalize(roles);
        return normalized.Count == 0
            ? throw new DomainRuleException("Give the member at least one role.")
            : normalized;
    }

    private static string Describe(IEnumerable<ProjectRole> roles) => string.Join(", ", roles.Select(DisplayNames.Of));

    private static string Describe(GateOutcome outcome) => outcome switch
    {
        GateOutcome.CompleteProject => "Project completed",
        _ when GateOutcomes.IteratesFrom(outcome) is { } from => $"New iteration from {DisplayNames.Of(from)}",
        _ => "Next phase",
    };

    private ProjectPhase ReviewedPhase(GateReview review)
    {
        EnsureActive();
        var phase = _phases.SingleOrDefault(p => p.Id == review.PhaseId)
            ?? throw new DomainRuleException("That gate review belongs to another project.");
        if (phase.State != PhaseState.AwaitingGate && review.Decision is null)
        {
            throw new DomainRuleException($"The {phase.Name} phase is not awaiting a gate decision.");
        }

        return phase;
    }

    /// <summary>Starts the project over from a phase: that phase and those after it run again, earlier history stays.</summary>
    private void StartIteration(PhaseKind from, Actor by, DateTimeOffset at, string? reason = null)
    {
        Iteration++;
        foreach (var phase in _phases.Where(p => p.Kind >= from).OrderBy(p => p.Kind))
        {
            phase.ResetForIteration(Iteration, activate: phase.Kind == from, by, at);
        }

        CurrentPhase = from;
        Record(ActivityEntry.Create(Id, ActivityKind.IterationStarted, by, at, Name, from, from: $"Iteration {Iteration - 1}", to: $"Iteration {Iteration}", reason: reason));
    }

    private static void EnsureAutomaticCriteriaMet(ProjectPhase phase, IReadOnlyList<AutomaticCriterion> automatic, string action)
    {
        if (!automatic.Select(c => c.Kind).Order().SequenceEqual(phase.AutomaticCriteria.Order()))
        {
            throw new DomainRuleException($"The {phase.Name} gate is judged on its own automatic criteria; evaluate them from the project's evidence.");
        }

        if (GateEvidence.FirstUnmet(automatic) is { } unmet)
        {
            throw new DomainRuleException($"The {phase.Name} gate cannot be {action}: “{unmet.Text}” is not met ({unmet.Detail}).");
        }
    }

    private ProjectMember Member(Guid personId, string personName) =>
        _members.SingleOrDefault(m => m.PersonId == personId)
        ?? throw new DomainRuleException($"{personName} is not on the {Key} team.");

    private void EnsureAnotherLeadRemains(ProjectMember member, IReadOnlyCollection<ProjectRole> newRoles)
    {
        if (member.Holds(ProjectRole.TeamLead) && !newRoles.Contains(ProjectRole.TeamLead)
            && !_members.Any(m => m != member && m.Holds(ProjectRole.TeamLead)))
        {
            throw new DomainRuleException("A project always keeps at least one team lead; make someone else team lead first.");
        }
    }

    private const int ActivityFromLength = 200;

    private const int ActivityToLength = 1000;

    private string CancelledMessage => WorkRules.WhyNoWork(Key, ProjectStatus.Cancelled, StatusReason)!;

    private static string Show(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private void EnsureReplannable(DateOnly newTarget)
    {
        EnsureTakesPlanning();
        if (!WorkRules.CanBeReplanned(Status))
        {
            throw new DomainRuleException($"{Key} is {DisplayNames.Of(Status)}; there is no open work to re-plan.");
        }

        if (newTarget <= StartDate)
        {
            throw new DomainRuleException($"The target date must be after the start date ({Show(StartDate)}).");
        }

        if (newTarget == TargetDate)
        {
            throw new DomainRuleException($"The target date is already {Show(TargetDate)}.");
        }
    }

    private void MoveTo(ProjectStatus status, string? reason, DateTimeOffset at, ActivityKind kind, Actor by)
    {
        var from = Status;
        Status = status;
        StatusReason = reason;
        StatusSince = reason is null ? null : at;
        Record(ActivityEntry.Create(Id, kind, by, at, Name, from: DisplayNames.Of(from), to: DisplayNames.Of(status), reason: reason));
    }

    private void EnsureActive()
    {
        EnsureTakesWork();
        if (Status != ProjectStatus.Active)
        {
            throw new DomainRuleException($"{Name} is {DisplayNames.Of(Status)}.");
        }
    }

    /// <summary>Spreads the phases over the project by weight, and each phase's tasks evenly within it.</summary>
    private void LayOutPlannedDates()
    {
        var totalDays = TargetDate.DayNumber - StartDate.DayNumber;
        var totalWeight = _phases.Sum(p => PhaseWeights.GetValueOrDefault(p.Kind, 1));
        var cursor = StartDate;
        var weightSoFar = 0;
        foreach (var phase in _phases)
        {
            weightSoFar += PhaseWeights.GetValueOrDefault(phase.Kind, 1);
            var end = phase == _phases[^1]
                ? TargetDate
                : StartDate.AddDays(Math.Max(cursor.DayNumber - StartDate.DayNumber, totalDays * weightSoFar / totalWeight));
            phase.SetPlannedWindow(cursor, end);
            phase.LayOutTasks(phase.Tasks);
            cursor = end;
        }
    }

    [GeneratedRegex("^[A-Z0-9]{2,10}$")]
    private static partial Regex KeyPattern();
}

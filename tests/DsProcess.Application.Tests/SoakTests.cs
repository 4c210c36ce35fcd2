using System.Diagnostics;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Gates.Commands.DecideGate;
using DsProcess.Application.Gates.Commands.EditGateCriteria;
using DsProcess.Application.Gates.Commands.SetGateCriterion;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Handoffs.Commands.AcknowledgeHandoff;
using DsProcess.Application.Tasks.Commands.AddTask;
using DsProcess.Application.Tasks.Commands.AssignTask;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.PlanTask;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Domain.Activity;
using ActivityKind = DsProcess.Domain.Activity.ActivityKind;
using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Handoffs;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tests;

/// <summary>
/// Eight people work one project at once through the mediator, each picking random legal edits from what they
/// last read, until 1,000 edits have been sent. Conflicts and rule refusals are expected (someone else got there
/// first). Nothing may be lost: every accepted edit is in the activity log exactly once, refused ones leave no
/// trace, and replaying the log gives the final state. Set DSPROCESS_SOAK_SEED to replay a run's choices.
/// </summary>
public sealed class SoakTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const int Edits = 1_000;

    /// <summary>Kinds that only follow from other changes (a gate decision moves phases); the replay checks them.</summary>
    private static readonly ActivityKind[] Consequences =
        [ActivityKind.PhaseStateChanged, ActivityKind.IterationStarted, ActivityKind.HandoffCreated, ActivityKind.ProjectCompleted];

    /// <summary>Edits that set a value rather than move from a version: repeating one someone just made changes nothing and logs nothing.</summary>
    private static readonly ActivityKind[] SetValue =
        [ActivityKind.ChecklistItemTicked, ActivityKind.ChecklistItemUnticked, ActivityKind.GateCriterionMet, ActivityKind.GateCriterionUnmet];

    [Fact]
    public async Task Eight_writers_make_a_thousand_edits_on_one_project_and_the_log_accounts_for_every_one()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DSPROCESS_SOAK_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        var log = TestContext.Current.TestOutputHelper;
        log?.WriteLine($"Soak seed {seed} (replay with DSPROCESS_SOAK_SEED={seed})");

        var board = await app.CreateProjectAsync(name: "Soak");
        var writers = new List<Writer> { new(app.Lead, [ProjectRole.TeamLead]) };
        foreach (var (name, role) in new[]
        {
            ("Leo Lead", ProjectRole.TeamLead), ("Dana Engineer", ProjectRole.DataEngineer), ("Dev Engineer", ProjectRole.DataEngineer),
            ("Sara Scientist", ProjectRole.DataScientist), ("Sam Scientist", ProjectRole.DataScientist),
            ("Mila Ops", ProjectRole.MLEngineer), ("Max Ops", ProjectRole.MLEngineer),
        })
        {
            writers.Add(new Writer(await app.CreateMemberAsync(board.Id, name, role), [role]));
        }

        var baseline = await app.WithDbAsync(db => db.Activity.MaxAsync(a => a.Id));
        var run = new Run(board.Id, seed);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(writers.Select((w, i) => Task.Run(() => WriteAsync(run, w, new Random(seed + i)))));
        clock.Stop();

        var accepted = writers.Sum(w => w.Accepted.Count);
        var refused = writers.SelectMany(w => w.Refused).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        log?.WriteLine($"{Edits} edits by {writers.Count} writers in {clock.Elapsed.TotalSeconds:0.0} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s of CPU in this process): {accepted} accepted, " +
            $"refused {string.Join(", ", refused.OrderBy(r => r.Key).Select(r => $"{r.Value} {r.Key}"))}");
        log?.WriteLine("Accepted by edit: " + string.Join(", ", writers.SelectMany(w => w.Accepted).GroupBy(a => a.Edit).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        Measurements.Record("soak: 1,000 edits by 8 writers on one project", clock.Elapsed.TotalMilliseconds, "ms");
        Measurements.Record("soak: accepted edits", accepted, "edits");

        var rows = await app.WithDbAsync(db => db.Activity.AsNoTracking().Where(a => a.ProjectId == board.Id).OrderBy(a => a.Id).ToListAsync());
        var (unmatched, noOps) = CompareWithWriters([.. rows.Where(r => r.Id > baseline)], writers);
        var problems = run.Unexpected.Select(u => $"unexpected error: {u}")
            .Concat(run.Violations.Distinct().Select(v => $"invariant broken while writing: {v}"))
            .Concat((await Invariants.ViolationsAsync(app.ConnectionString)).Select(v => $"invariant broken at the end: {v}"))
            .Concat(unmatched)
            .Concat(await ReplayAsync(board.Id, rows))
            .ToList();
        if (accepted < Edits / 4)
        {
            problems.Add($"only {accepted} of {Edits} edits were accepted; the soak exercised too little");
        }

        log?.WriteLine($"Set-value edits that found their value already set (no change, no entry): {noOps}");
        log?.WriteLine($"Replayed {rows.Count} activity entries; the project ended in iteration {rows.Count(r => r.Kind == ActivityKind.IterationStarted) + 1}, " +
            $"{rows.Count(r => r.Kind == ActivityKind.GateApproved)} gates approved, {rows.Count(r => r.Kind == ActivityKind.GateRejected)} rejected.");
        Assert.True(problems.Count == 0, $"Seed {seed} (replay with DSPROCESS_SOAK_SEED={seed}):\n{string.Join("\n", problems)}");
    }

    /// <summary>
    /// Every activity entry of a kind an edit produces is matched to an accepted edit by (kind, subject, actor):
    /// exactly for edits that carry a version or always create something, at most once per edit for set-value edits
    /// (which log nothing when the value was already set). Refused edits were recorded nowhere, so an entry they
    /// left would have no edit to match. Returns the mismatches, and the number of set-value edits that changed nothing.
    /// </summary>
    private static (List<string> Unmatched, int NoOps) CompareWithWriters(IReadOnlyList<ActivityEntry> rows, IReadOnlyList<Writer> writers)
    {
        var expected = writers.SelectMany(w => w.Accepted).GroupBy(a => (a.Kind, a.Subject, a.Actor)).ToDictionary(g => g.Key, g => g.Count());
        var logged = rows.Where(r => !Consequences.Contains(r.Kind)).GroupBy(r => (r.Kind, r.Subject, Actor: r.ActorName)).ToDictionary(g => g.Key, g => g.Count());
        var wrong = new List<string>();
        foreach (var key in expected.Keys.Union(logged.Keys))
        {
            var edits = expected.GetValueOrDefault(key);
            var entries = logged.GetValueOrDefault(key);
            if (SetValue.Contains(key.Kind) ? entries > edits : entries != edits)
            {
                wrong.Add($"log does not match the edits: {key.Kind} \"{key.Subject}\" by {key.Actor}: {edits} accepted edit(s), {entries} log entries");
            }
        }

        return (wrong, expected.Where(e => SetValue.Contains(e.Key.Kind)).Sum(e => e.Value - logged.GetValueOrDefault(e.Key)));
    }

    /// <summary>
    /// Folds the project's whole log and compares the result with the rows. Covered: each task's status (every
    /// entry must start where the previous one ended, per iteration, so a lost or doubled entry breaks the chain),
    /// each checklist item, each gate criterion, each phase's state and the current phase, each task's assignee and
    /// planned title, the project's iteration, and the numbers of tasks, criteria, handoffs (and acknowledgements)
    /// and gate submissions (and decisions). A new iteration resets its phases without logging each reset, so every
    /// chain starts again at its iteration's first entry.
    /// </summary>
    private async Task<List<string>> ReplayAsync(Guid projectId, IReadOnlyList<ActivityEntry> rows)
    {
        var project = await app.WithDbAsync(db => db.Projects.AsNoTracking()
            .Include(p => p.Members)
            .Include(p => p.Phases).ThenInclude(ph => ph.Tasks)
            .AsSplitQuery()
            .SingleAsync(p => p.Id == projectId));
        var names = await app.WithDbAsync(db => db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.DisplayName));
        var handoffs = await app.WithDbAsync(db => db.Handoffs.AsNoTracking().Where(h => h.ProjectId == projectId).ToListAsync());
        var reviews = await app.WithDbAsync(db => db.GateReviews.AsNoTracking().Where(r => r.ProjectId == projectId).ToListAsync());
        var playbook = await app.WithDbAsync(db => db.Playbooks.AsNoTracking().SingleAsync(p => p.IsDefault));
        var mismatches = new List<string>();

        void Chain<TKey>(Dictionary<TKey, string> state, TKey key, string initial, ActivityEntry row, string? from = null, string? to = null)
            where TKey : notnull
        {
            from ??= row.From;
            var current = state.GetValueOrDefault(key, initial);
            if (from != current)
            {
                mismatches.Add($"replay: entry {row.Id} ({row.Kind} \"{row.Subject}\") starts from {from}, but the log so far ends at {current}");
            }

            state[key] = to ?? row.To!;
        }

        var tasks = new Dictionary<(Guid, int?), string>();
        var items = new Dictionary<(Guid, string, int?), string>();
        var criteria = new Dictionary<(PhaseKind, string, int?), string>();
        var phases = new Dictionary<(PhaseKind, int?), string>();
        var assignees = new Dictionary<Guid, string>();
        var titles = new Dictionary<Guid, string>();
        foreach (var row in rows)
        {
            switch (row.Kind)
            {
                case ActivityKind.TaskStatusChanged:
                    Chain(tasks, (row.TaskId!.Value, row.Iteration), DisplayNames.Of(ProjectTaskStatus.NotStarted), row);
                    break;
                case ActivityKind.ChecklistItemTicked or ActivityKind.ChecklistItemUnticked:
                    var ticked = row.Kind == ActivityKind.ChecklistItemTicked;
                    Chain(items, (row.TaskId!.Value, row.Subject, row.Iteration), "open", row, ticked ? "open" : "ticked", ticked ? "ticked" : "open");
                    break;
                case ActivityKind.GateCriterionMet or ActivityKind.GateCriterionUnmet:
                    var met = row.Kind == ActivityKind.GateCriterionMet;
                    Chain(criteria, (row.Phase!.Value, row.Subject, row.Iteration), "unmet", row, met ? "unmet" : "met", met ? "met" : "unmet");
                    break;
                case ActivityKind.PhaseStateChanged:
                    Chain(phases, (row.Phase!.Value, row.Iteration), DisplayNames.Of(PhaseState.NotStarted), row);
                    break;
                case ActivityKind.TaskAssigned:
                    var task = project.Tasks.Single(t => t.Id == row.TaskId);
                    Chain(assignees, task.Id, Unassigned(task), row);
                    break;
                case ActivityKind.TaskPlanned:
                    titles[row.TaskId!.Value] = row.Subject;
                    break;
            }
        }

        foreach (var phase in project.Phases)
        {
            Expect($"phase {phase.Name}", DisplayNames.Of(phase.State), phases.GetValueOrDefault((phase.Kind, phase.Iteration), DisplayNames.Of(PhaseState.NotStarted)));
            foreach (var criterion in phase.Gate)
            {
                Expect($"{phase.Name} gate criterion \"{criterion.Text}\"", criterion.IsMet ? "met" : "unmet", criteria.GetValueOrDefault((phase.Kind, criterion.Text, phase.Iteration), "unmet"));
            }

            var added = rows.Count(r => r.Kind == ActivityKind.GateCriterionAdded && r.Phase == phase.Kind);
            Expect($"{phase.Name} gate criteria", phase.Gate.Count.ToString(), (playbook.Phases.Single(p => p.Kind == phase.Kind).GateCriteria.Count + added).ToString());
            foreach (var task in phase.Tasks)
            {
                Expect($"status of \"{task.Title}\"", DisplayNames.Of(task.Status), tasks.GetValueOrDefault((task.Id, phase.Iteration), DisplayNames.Of(ProjectTaskStatus.NotStarted)));
                Expect($"assignee of \"{task.Title}\"", task.AssigneeId is { } a ? names[a] : Unassigned(task), assignees.GetValueOrDefault(task.Id, Unassigned(task)));
                if (titles.TryGetValue(task.Id, out var title))
                {
                    Expect($"title of task {task.Id}", task.Title, title);
                }

                foreach (var item in task.Checklist)
                {
                    Expect($"checklist item \"{item.Text}\" of \"{task.Title}\"", item.IsDone ? "ticked" : "open", items.GetValueOrDefault((task.Id, item.Text, phase.Iteration), "open"));
                }
            }
        }

        var working = project.Phases.Where(p => phases.GetValueOrDefault((p.Kind, p.Iteration)) is "Active" or "Awaiting gate").Select(p => (PhaseKind?)p.Kind).ToList();
        Expect("current phase", project.CurrentPhase?.ToString() ?? "none", string.Join(", ", working));
        Expect("iteration", project.Iteration.ToString(), (1 + Count(ActivityKind.IterationStarted)).ToString());
        Expect("tasks", project.Tasks.Count().ToString(), (playbook.Phases.Sum(p => p.Tasks.Count) + Count(ActivityKind.TaskAdded)).ToString());
        Expect("handoffs", handoffs.Count.ToString(), Count(ActivityKind.HandoffCreated).ToString());
        Expect("acknowledged handoffs", handoffs.Count(h => !h.IsOpen).ToString(), Count(ActivityKind.HandoffAcknowledged).ToString());
        Expect("gate submissions", reviews.Count.ToString(), Count(ActivityKind.GateSubmitted).ToString());
        Expect("approvals", reviews.Count(r => r.Decision == GateDecision.Approved).ToString(), Count(ActivityKind.GateApproved).ToString());
        Expect("rejections", reviews.Count(r => r.Decision == GateDecision.Rejected).ToString(), Count(ActivityKind.GateRejected).ToString());
        return mismatches;

        int Count(ActivityKind kind) => rows.Count(r => r.Kind == kind);

        void Expect(string what, string actual, string replayed)
        {
            if (actual != replayed)
            {
                mismatches.Add($"replay: {what}: the database has {actual}, the log replays to {replayed}");
            }
        }

        static string Unassigned(ProjectTask task) => $"{DisplayNames.Of(task.ResponsibleRole)} (unassigned)";
    }

    private async Task WriteAsync(Run run, Writer writer, Random random)
    {
        var idle = 0;
        while (run.HasBudget)
        {
            var (project, open) = await ViewAsync(run.ProjectId);
            var candidates = Candidates(writer, project, open, random);
            if (candidates.Count == 0)
            {
                // Nothing this writer may do until someone else moves (a gate awaits another role's decision).
                Assert.True(++idle < 10_000, $"Seed {run.Seed}: {writer.Name} found nothing to do for too long.");
                await Task.Yield();
                continue;
            }

            idle = 0;
            if (!run.TakeOne())
            {
                return;
            }

            var edit = Pick(candidates, random);
            try
            {
                await app.SendAnyAsync(edit.Message, writer.Person);
                writer.Accepted.Add(new Accepted(edit.Name, edit.Kind, edit.Subject.Trim(), writer.Name));
                if (run.CountAccepted() % 50 == 0)
                {
                    foreach (var violation in await Invariants.ViolationsAsync(app.ConnectionString))
                    {
                        run.Violations.Enqueue(violation);
                    }
                }
            }
            catch (Exception ex) when (ex is ConflictException or DomainRuleException or ValidationException)
            {
                writer.Refused[ex.GetType().Name] = writer.Refused.GetValueOrDefault(ex.GetType().Name) + 1;
            }
            catch (Exception ex)
            {
                run.Unexpected.Enqueue($"{writer.Name} sent {edit.Name} ({edit.Message}): {ex}");
            }
        }
    }

    /// <summary>What a writer sees before choosing: the project as it is now, and its open handoffs.</summary>
    private Task<(Project, List<Handoff>)> ViewAsync(Guid projectId) =>
        app.WithDbAsync(async db => (
            await db.Projects.AsNoTracking()
                .Include(p => p.Members)
                .Include(p => p.Phases).ThenInclude(ph => ph.Tasks)
                .Include(p => p.Phases).ThenInclude(ph => ph.LatestReview)
                .AsSingleQuery()
                .SingleAsync(p => p.Id == projectId),
            await db.Handoffs.AsNoTracking().Where(h => h.ProjectId == projectId && h.AcknowledgedAt == null).ToListAsync()));

    /// <summary>The legal edits this writer could make on what it saw, weighted so the project moves forward through its gates.</summary>
    private static List<Edit> Candidates(Writer w, Project project, List<Handoff> openHandoffs, Random random)
    {
        var edits = new List<Edit>();
        var lead = w.Roles.Contains(ProjectRole.TeamLead);
        var tag = random.Next(1_000_000);
        foreach (var phase in project.Phases)
        {
            if (phase.State == PhaseState.AwaitingGate && phase.LatestReview is { Decision: null } review && review.SubmittedById != w.Person.Id
                && (lead || (project.DecidingRole(phase.Kind) is { } deciding && w.Roles.Contains(deciding))))
            {
                var outcome = !project.IsLastPhase(phase.Kind) ? GateOutcome.NextPhase
                    : random.Next(2) == 0 ? GateOutcome.IterateFromModelDevelopment : GateOutcome.IterateFromProductionDeployment;
                edits.Add(new Edit("approve gate", 8, new DecideGateCommand(review.Id, GateDecision.Approved, outcome), ActivityKind.GateApproved, phase.Name));
                edits.Add(new Edit("reject gate", 2, new DecideGateCommand(review.Id, GateDecision.Rejected, Reason: $"Needs another look ({tag})"), ActivityKind.GateRejected, phase.Name));
            }

            if (phase.State is not (PhaseState.Active or PhaseState.NotStarted))
            {
                continue;
            }

            foreach (var task in phase.Tasks.Where(t => lead || t.IsWorkableBy(w.Roles)))
            {
                Edit Move(string name, double weight, TaskMove move, string? reason = null) =>
                    new(name, weight, new ChangeTaskStatusCommand(task.Id, task.Version, move, reason), ActivityKind.TaskStatusChanged, task.Title);

                switch (task.Status)
                {
                    case ProjectTaskStatus.NotStarted:
                        edits.Add(Move("start", 5, TaskMove.Start));
                        edits.Add(Move("block", 0.5, TaskMove.Block, $"Waiting for access ({tag})"));
                        break;
                    case ProjectTaskStatus.InProgress:
                        edits.Add(Move("block", 0.5, TaskMove.Block, $"Waiting for data ({tag})"));
                        if (phase.State == PhaseState.Active && task.Checklist.All(i => i.IsDone || !i.IsRequired))
                        {
                            edits.Add(Move("done", 12, TaskMove.Done));
                        }

                        break;
                    case ProjectTaskStatus.Blocked:
                        edits.Add(Move("unblock", 4, TaskMove.Unblock));
                        break;
                    default:
                        edits.Add(Move("reopen", 0.3, TaskMove.Reopen, $"Found a gap ({tag})"));
                        break;
                }

                if (task.IsOptional && !task.IsFinished)
                {
                    edits.Add(Move("not applicable", 1, TaskMove.NotApplicable, $"Not needed here ({tag})"));
                }

                if (!task.IsFinished)
                {
                    edits.AddRange(task.Checklist.Select(item => item.IsDone
                        ? new Edit("untick", 0.2, new SetChecklistItemCommand(task.Id, item.Number, false), ActivityKind.ChecklistItemUnticked, item.Text)
                        : new Edit("tick", 4, new SetChecklistItemCommand(task.Id, item.Number, true), ActivityKind.ChecklistItemTicked, item.Text)));
                }

                if (lead)
                {
                    var title = $"{task.Title.Split(" #")[0]} #{tag}";
                    if (title != task.Title)
                    {
                        edits.Add(new Edit("plan", 0.05, new PlanTaskCommand
                        {
                            TaskId = task.Id,
                            Version = task.Version,
                            Title = title,
                            Description = task.Description,
                            PlannedStart = task.PlannedStart,
                            Due = task.Due?.AddDays(1),
                        }, ActivityKind.TaskPlanned, title));
                    }

                    var people = project.Members.Where(m => m.PersonId != task.AssigneeId && task.IsWorkableBy(m.Roles)).Select(m => (Guid?)m.PersonId).ToList();
                    if (task.AssigneeId is not null)
                    {
                        people.Add(null);
                    }

                    if (people.Count > 0)
                    {
                        edits.Add(new Edit("assign", 0.1, new AssignTaskCommand(task.Id, task.Version, people[random.Next(people.Count)]), ActivityKind.TaskAssigned, task.Title));
                    }
                }
            }

            if (lead || phase.WorkingRoles.Any(w.Roles.Contains))
            {
                edits.AddRange(phase.Gate.Select(c => c.IsMet
                    ? new Edit("criterion unmet", 0.2, new SetGateCriterionCommand(project.Id, phase.Kind, c.Number, false), ActivityKind.GateCriterionUnmet, c.Text)
                    : new Edit("criterion met", 3, new SetGateCriterionCommand(project.Id, phase.Kind, c.Number, true), ActivityKind.GateCriterionMet, c.Text)));
                if (phase.State == PhaseState.Active && !phase.OpenRequiredTasks.Any() && !phase.OpenRequiredCriteria.Any())
                {
                    edits.Add(new Edit("submit gate", 20, new SubmitGateCommand(project.Id, phase.Kind, $"Ready ({tag})"), ActivityKind.GateSubmitted, phase.Name));
                }
            }

            if (lead)
            {
                var title = $"Extra check {tag}";
                edits.Add(new Edit("add task", 0.3, new AddTaskCommand
                {
                    ProjectId = project.Id,
                    Phase = phase.Kind,
                    Title = title,
                    ResponsibleRole = (ProjectRole)random.Next(1, 4),
                    IsOptional = random.Next(3) > 0,
                }, ActivityKind.TaskAdded, title));
                var text = $"Signed off by the sponsor ({tag})";
                edits.Add(new Edit("add criterion", 0.2, new AddGateCriterionCommand(project.Id, phase.Kind, text, IsRequired: random.Next(2) == 0), ActivityKind.GateCriterionAdded, text));
            }
        }

        edits.AddRange(openHandoffs
            .Where(h => lead || w.Roles.Contains(h.ToRole))
            .Select(h => new Edit("acknowledge handoff", 3, new AcknowledgeHandoffCommand(h.Id), ActivityKind.HandoffAcknowledged, $"{h.FromTaskTitle} → {h.ToTaskTitle}")));
        return edits;
    }

    private static Edit Pick(List<Edit> edits, Random random)
    {
        var roll = random.NextDouble() * edits.Sum(e => e.Weight);
        foreach (var edit in edits)
        {
            roll -= edit.Weight;
            if (roll < 0)
            {
                return edit;
            }
        }

        return edits[^1];
    }

    private sealed class Run(Guid projectId, int seed)
    {
        private int _remaining = Edits;
        private int _accepted;

        public Guid ProjectId { get; } = projectId;

        public int Seed { get; } = seed;

        public bool HasBudget => Volatile.Read(ref _remaining) > 0;

        public System.Collections.Concurrent.ConcurrentQueue<string> Unexpected { get; } = [];

        public System.Collections.Concurrent.ConcurrentQueue<string> Violations { get; } = [];

        public bool TakeOne() => Interlocked.Decrement(ref _remaining) >= 0;

        public int CountAccepted() => Interlocked.Increment(ref _accepted);
    }

    private sealed class Writer(TestPerson person, IReadOnlyList<ProjectRole> roles)
    {
        public TestPerson Person { get; } = person;

        public string Name => Person.Name;

        public IReadOnlyList<ProjectRole> Roles { get; } = roles;

        public List<Accepted> Accepted { get; } = [];

        public Dictionary<string, int> Refused { get; } = [];
    }

    /// <summary>An edit and the log entry it must produce (kind, subject).</summary>
    private sealed record Edit(string Name, double Weight, IMessage Message, ActivityKind Kind, string Subject);

    private sealed record Accepted(string Edit, ActivityKind Kind, string Subject, string Actor);
}

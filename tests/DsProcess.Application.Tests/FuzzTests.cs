using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;
using DsProcess.Application.Activity.Queries.ProjectTimeline;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Models;
using DsProcess.Application.Dashboards;
using DsProcess.Application.Dashboards.Queries.DashboardProjects;
using DsProcess.Application.Dashboards.Queries.FlowMetrics;
using DsProcess.Application.Dashboards.Queries.Portfolio;
using DsProcess.Application.Dashboards.Queries.Waiting;
using DsProcess.Application.Dashboards.Queries.Workload;
using DsProcess.Application.Gates.Commands.DecideGate;
using DsProcess.Application.Gates.Commands.EditGateCriteria;
using DsProcess.Application.Gates.Commands.SetGateCriterion;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Gates.Queries.GateDetails;
using DsProcess.Application.Handoffs.Commands.AcknowledgeHandoff;
using DsProcess.Application.Notifications.Commands.MarkNotificationsRead;
using DsProcess.Application.Notifications.Commands.SetEmailPreferences;
using DsProcess.Application.Notifications.Queries.MyEmailPreferences;
using DsProcess.Application.Notifications.Queries.MyNotifications;
using DsProcess.Application.People.Commands.ChangeSystemRole;
using DsProcess.Application.People.Commands.ChooseAppearance;
using DsProcess.Application.People.Commands.CreateUser;
using DsProcess.Application.People.Commands.SetPlaybookOwner;
using DsProcess.Application.People.Commands.SetUserEnabled;
using DsProcess.Application.People.Queries.ListPeople;
using DsProcess.Application.Playbooks;
using DsProcess.Application.Playbooks.Commands.CreatePlaybook;
using DsProcess.Application.Playbooks.Commands.DeletePlaybook;
using DsProcess.Application.Playbooks.Commands.DraftPlaybookVersion;
using DsProcess.Application.Playbooks.Commands.ImportPlaybook;
using DsProcess.Application.Playbooks.Commands.PublishPlaybook;
using DsProcess.Application.Playbooks.Commands.SavePlaybookDraft;
using DsProcess.Application.Playbooks.Commands.SetPlaybookArchived;
using DsProcess.Application.Playbooks.Queries.ComparePlaybooks;
using DsProcess.Application.Playbooks.Queries.ExportPlaybook;
using DsProcess.Application.Playbooks.Queries.Playbook;
using DsProcess.Application.Playbooks.Queries.Playbooks;
using DsProcess.Application.Projects.Commands.CancelProject;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Projects.Commands.EditProjectDetails;
using DsProcess.Application.Projects.Commands.PutProjectOnHold;
using DsProcess.Application.Projects.Commands.ReplanProject;
using DsProcess.Application.Projects.Commands.ResumeProject;
using DsProcess.Application.Projects.Commands.TakePlaybookVersion;
using DsProcess.Application.Projects.Queries.ListProjects;
using DsProcess.Application.Projects.Queries.PreviewPlaybookVersion;
using DsProcess.Application.Projects.Queries.PreviewReplan;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Projects.Queries.ProjectSettings;
using DsProcess.Application.Roles.Commands.AddRole;
using DsProcess.Application.Roles.Queries.Roles;
using DsProcess.Application.Search;
using DsProcess.Application.Tasks.Commands.AddTask;
using DsProcess.Application.Tasks.Commands.AssignRoleTasks;
using DsProcess.Application.Tasks.Commands.AssignTask;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.PlanTask;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Application.Teams.Commands.AddMember;
using DsProcess.Application.Teams.Commands.ChangeMemberRoles;
using DsProcess.Application.Teams.Commands.RemoveMember;
using DsProcess.Application.Teams.Queries.ProjectTeam;
using DsProcess.Application.Work.Queries.MyWork;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ActivityKind = DsProcess.Domain.Activity.ActivityKind;

namespace DsProcess.Application.Tests;

/// <summary>
/// A property-based fuzz (CsCheck): 10,000 random commands and queries, many of them hostile (unknown and
/// wrong-kind ids, undefined enum values, overlong and odd Unicode text, wrong callers, stale versions, absurd
/// paging), sent through the mediator one after another against a real database that they keep changing. Each
/// must end in success or in one of the application's own refusals; a refusal must change nothing; after each
/// change the invariants must hold. Set DSPROCESS_FUZZ_SEED to a seed CsCheck printed to replay it.
/// </summary>
public sealed class FuzzTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const int Commands = 10_000;

    /// <summary>How often (against the messages' weights) a phase is made ready and submitted.</summary>
    private const int DriveWeight = 2;

    private static readonly Type[] Refusals =
        [typeof(ValidationException), typeof(NotFoundException), typeof(ForbiddenException), typeof(ConflictException), typeof(DomainRuleException)];

    /// <summary>The names the fuzz adds roles under (a random one, when valid, too): few, so the roles stay few.</summary>
    private static readonly string[] FuzzRoles = ["Fuzz steward", "Fuzz analyst", "data scientist"];

    /// <summary>The messages and how often each is sent; changes are favoured, so the world keeps moving.</summary>
    private static readonly (int Weight, Func<Dice, World, IMessage> Build)[] Messages =
    [
        (14, (d, w) => ChangeStatus(d, w)),
        (10, (d, w) => new SetChecklistItemCommand(d.Id(d.Task(w).Id, w), d.Number(), d.Chance(80))),
        (3, (d, w) => Plan(d, w)),
        (3, (d, w) => Assign(d, w)),
        (2, (d, w) => new AssignRoleTasksCommand(d.Id(d.Pick(w.Projects).Id, w), d.Enum<ProjectRole>(), d.Id(w.People, w))),
        (2, (d, w) => AddTask(d, w)),
        (6, (d, w) => new SetGateCriterionCommand(d.Id(d.Pick(w.Projects).Id, w), d.Enum<PhaseKind>(), d.Number(), d.Chance(85))),
        (1, (d, w) => new AddGateCriterionCommand(d.Id(d.Pick(w.Projects).Id, w), d.Enum<PhaseKind>(), d.Text(Limits.ChecklistText)!, d.Chance(30))),
        (1, (d, w) => new RemoveGateCriterionCommand(d.Id(d.Pick(w.Projects).Id, w), d.Enum<PhaseKind>(), d.Number())),
        (5, (d, w) => new SubmitGateCommand(d.Id(d.Pick(w.Projects).Id, w), d.Enum<PhaseKind>(), d.Text(Limits.Reason))),
        (5, (d, w) => new DecideGateCommand(d.Id(w.Reviews, w), d.Enum<GateDecision>(), d.Chance(60) ? GateOutcome.NextPhase : d.Enum<GateOutcome>(), d.Text(Limits.Reason))),
        (3, (d, w) => new AcknowledgeHandoffCommand(d.Id(w.Handoffs, w))),
        (2, (d, w) => new AddMemberCommand { ProjectId = d.Id(d.Pick(w.Projects).Id, w), PersonId = d.Chance(5) ? null : d.Id(w.People, w), Roles = d.Roles()! }),
        (2, (d, w) => new ChangeMemberRolesCommand(d.Id(d.Pick(w.Projects).Id, w), d.Id(w.Others, w), d.Roles()!)),
        (1, (d, w) => new RemoveMemberCommand(d.Id(d.Pick(w.Projects).Id, w), d.Id(w.Others, w))),
        (1, (d, w) => CreateProject(d)),
        (1, (d, w) => ImportPlaybook(d)),
        (1, (d, w) => new PlaybooksQuery()),
        (1, (d, w) => new ExportPlaybookQuery(d.Chance(70) ? DefaultPlaybook.Id : Guid.NewGuid())),
        (1, (d, w) => new ComparePlaybooksQuery(DefaultPlaybook.Id, d.Chance(50) ? DefaultPlaybook.Id : Guid.NewGuid())),
        (1, (d, w) => new SetPlaybookArchivedCommand(d.Chance(30) ? DefaultPlaybook.Id : Guid.NewGuid(), d.Chance(50))),
        (1, (d, w) => new DeletePlaybookCommand(d.Chance(30) ? DefaultPlaybook.Id : Guid.NewGuid())),
        (1, (d, w) => new CreatePlaybookCommand { CopyOf = d.Chance(80) ? DefaultPlaybook.Id : Guid.NewGuid(), Name = d.Text(Limits.PlaybookName + 1)!, Description = d.Text(100) }),
        (1, (d, w) => new DraftPlaybookVersionCommand(d.Chance(70) ? DefaultPlaybook.Id : Guid.NewGuid())),
        (1, (d, w) => SavePlaybookDraft(d)),
        (1, (d, w) => new PublishPlaybookCommand(d.Chance(70) ? DefaultPlaybook.Id : Guid.NewGuid(), d.Version(0))),
        (1, (d, w) => new PlaybookQuery(d.Chance(70) ? DefaultPlaybook.Id : Guid.NewGuid())),
        (1, (d, w) => new PreviewPlaybookVersionQuery(d.Id(d.Pick(w.Projects).Id, w))),
        (1, (d, w) => TakePlaybookVersion(d, w)),
        (1, (d, w) => new AddRoleCommand { Name = d.Chance(60) ? d.Pick(FuzzRoles) : d.Text(Limits.RoleName + 1)!, Description = d.Text(Limits.RoleDescription + 1) }),
        (1, (d, w) => new RolesQuery()),
        (1, (d, w) => new ChooseAppearanceCommand(d.Enum<Appearance>())),
        (1, (d, w) => new SetEmailPreferenceCommand(d.Enum<NotificationKind>(), d.Enum<EmailChoice>())),
        (1, (d, w) => new MyEmailPreferencesQuery()),
        (1, (d, w) => new SearchQuery(d.Chance(50) ? "churn test" : d.Text(Limits.Search + 1))),
        (1, (d, w) => new SetPlaybookOwnerCommand(d.Id(w.Others, w), d.Chance(50))),
        (1, (d, w) => EditDetails(d, w)),
        (2, (d, w) => Replan(d, w)),
        (1, (d, w) => PutOnHold(d, w)),
        (2, (d, w) => Resume(d, w)),
        (1, (d, w) => Cancel(d, w)),
        (1, (d, w) => CreateUser(d)),
        (1, (d, w) => new ChangeSystemRoleCommand(d.Id(w.Others, w), d.Enum<SystemRole>())),
        (1, (d, w) => new SetUserEnabledCommand(d.Id(w.Others, w), d.Chance(60))),
        (2, (d, w) => new MarkNotificationsReadCommand(d.Chance(30) ? null : d.Id(w.Notifications, w))),
        (2, (d, w) => new ProjectBoardQuery(d.Key(w)!)),
        (1, (d, w) => new ProjectTeamQuery(d.Key(w)!)),
        (1, (d, w) => new ProjectTimelineQuery(d.Key(w)!, d.Timeline(w)!, d.Page(), d.PageSize())),
        (1, (d, w) => new ExportTimelineQuery(d.Key(w)!, d.Timeline(w)!)),
        (1, (d, w) => new ProjectSettingsQuery(d.Key(w)!)),
        (1, (d, w) => PreviewReplan(d, w)),
        (1, (d, w) => new GateDetailsQuery(d.Key(w)!, d.Enum<PhaseKind>(), d.Chance(50))),
        (1, (d, w) => new ListProjectsQuery(d.Text(200), d.Enum<ProjectSort>(), d.Enum<SortDirection>(), d.Page(), d.PageSize())),
        (1, (d, w) => new ListPeopleQuery(d.Text(200))),
        (1, (d, w) => new MyWorkQuery()),
        (1, (d, w) => new MyNotificationsQuery(d.Size())),
        (1, (d, w) => new PortfolioQuery(d.Filter(w)!)),
        (1, (d, w) => new WaitingQuery(d.Filter(w)!, d.Enum<WaitingList>(), d.Page(), d.PageSize())),
        (1, (d, w) => new DashboardProjectsQuery(d.Filter(w)!, d.Chance(50) ? null : d.Enum<ProjectHealth>(), d.Page(), d.PageSize())),
        (1, (d, w) => new FlowMetricsQuery(d.Chance(70) ? d.Pick(FlowMetrics.Periods) : d.Size())),
        (1, (d, w) => new WorkloadQuery(d.Size())),
    ];

    [Fact]
    public async Task Random_and_hostile_commands_end_in_the_applications_own_refusals_and_keep_every_invariant()
    {
        var log = TestContext.Current.TestOutputHelper;
        var setUp = Stopwatch.StartNew();
        var people = await PeopleAsync();
        await ProjectsAsync(people);
        var world = await WorldAsync(people);
        log?.WriteLine($"World set up in {setUp.Elapsed.TotalSeconds:0.0} s");
        var lastWrite = await Invariants.LastWriteAsync(app.ConnectionString);
        var outcomes = new Dictionary<string, int>();
        var changes = 0;
        var (sending, checking, reloading) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;

        // After each command: did it change the database? A refusal must not have; a change must keep every invariant.
        async Task CheckAsync(string what, Exception? error)
        {
            var started = Stopwatch.GetTimestamp();
            var write = await Invariants.LastWriteAsync(app.ConnectionString);
            if (write != lastWrite)
            {
                if (error is not null)
                {
                    throw new InvalidOperationException($"{what} was refused ({error.Message}) but changed the database");
                }

                var violations = await Invariants.ViolationsAsync(app.ConnectionString);
                if (violations.Count > 0)
                {
                    throw new InvalidOperationException($"After {what}: {string.Join("; ", violations)}");
                }

                (changes, lastWrite) = (changes + 1, write);
                checking += Stopwatch.GetElapsedTime(started);
                started = Stopwatch.GetTimestamp();
                world = await WorldAsync(people);
                reloading += Stopwatch.GetElapsedTime(started);
                return;
            }

            checking += Stopwatch.GetElapsedTime(started);
        }

        void Count(string what, string outcome) => outcomes[$"{what}: {outcome}"] = outcomes.GetValueOrDefault($"{what}: {outcome}") + 1;

        var messageWeights = Messages.Sum(m => m.Weight);
        var specs = Gen.Select(Gen.Int[0, messageWeights + DriveWeight - 1], Gen.Int[0, int.MaxValue].Array[24], (kind, picks) => new Spec(kind, picks));
        await specs.SampleAsync(
            async spec =>
            {
                var dice = new Dice(spec.Picks);
                var started = Stopwatch.GetTimestamp();
                if (spec.Kind >= messageWeights)
                {
                    Count("(ready and submit a phase)", await DriveAsync(dice.Pick(world.Projects).Id, people[4]!));
                    sending += Stopwatch.GetElapsedTime(started);
                    await CheckAsync("readying and submitting a phase", null);
                    return;
                }

                var message = Build(spec.Kind, dice, world);
                var caller = dice.Caller(people);
                var error = await Record.ExceptionAsync(() => app.SendAnyAsync(message, caller));
                sending += Stopwatch.GetElapsedTime(started);
                Count(message.GetType().Name, error is null ? "accepted" : error.GetType().Name);
                var what = $"{Describe(message)} sent by {caller?.Name ?? "nobody"}";
                if (error is not null && !Refusals.Contains(error.GetType()))
                {
                    throw new InvalidOperationException($"{what} failed unexpectedly", error);
                }

                if (error is ValidationException invalid)
                {
                    AssertSentences(what, invalid);
                }

                await CheckAsync(what, error);
            },
            writeLine: line => log?.WriteLine(line),
            seed: Environment.GetEnvironmentVariable("DSPROCESS_FUZZ_SEED"),
            iter: Commands,
            threads: 1,
            print: spec => $"message #{spec.Kind}, picks [{string.Join(", ", spec.Picks)}]");

        clock.Stop();
        log?.WriteLine($"{Commands} commands in {clock.Elapsed.TotalSeconds:0.0} s: {sending.TotalSeconds:0.0} s sending, {checking.TotalSeconds:0.0} s checking for changes and invariants, " +
            $"{reloading.TotalSeconds:0.0} s reading the next targets; {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s of CPU in this process. " +
            $"{changes} changed the database; the invariants were checked after each of those.");
        foreach (var (what, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            log?.WriteLine($"  {what}: {count}");
        }

        Measurements.Record("fuzz: 10,000 commands", clock.Elapsed.TotalMilliseconds, "ms");
        Measurements.Record("fuzz: commands that changed the database", changes, "commands");
        Assert.True(changes >= Commands / 50, $"Only {changes} of {Commands} commands changed anything; the fuzz exercised too little.");
        Assert.Empty(await Invariants.ViolationsAsync(app.ConnectionString));
    }

    private static IMessage Build(int kind, Dice dice, World world)
    {
        foreach (var (weight, build) in Messages)
        {
            if (kind < weight)
            {
                return build(dice, world);
            }

            kind -= weight;
        }

        throw new ArgumentOutOfRangeException(nameof(kind));
    }

    private static ChangeTaskStatusCommand ChangeStatus(Dice d, World w)
    {
        var task = d.Task(w);
        return new ChangeTaskStatusCommand(d.Id(task.Id, w), d.Version(task.Version), d.Enum<TaskMove>(), d.Chance(30) ? null : d.Text(Limits.Reason))
        {
            Note = d.Chance(70) ? null : d.Text(Limits.Reason),
            Evidence = d.Links()!,
        };
    }

    private static AssignTaskCommand Assign(Dice d, World w)
    {
        var task = d.Task(w);
        return new AssignTaskCommand(d.Id(task.Id, w), d.Version(task.Version), d.Chance(20) ? null : d.Id(w.People, w));
    }

    private static PlanTaskCommand Plan(Dice d, World w)
    {
        var task = d.Task(w);
        var (start, due) = d.Dates(task.Due);
        return new PlanTaskCommand
        {
            TaskId = d.Id(task.Id, w),
            Version = d.Version(task.Version),
            Title = d.Chance(40) ? task.Title : d.Text(Limits.TaskTitle)!,
            Description = d.Text(Limits.TaskDescription),
            PlannedStart = start,
            Due = due,
        };
    }

    private static AddTaskCommand AddTask(Dice d, World w)
    {
        var (start, due) = d.Dates(null);
        return new AddTaskCommand
        {
            ProjectId = d.Id(d.Pick(w.Projects).Id, w),
            Phase = d.Enum<PhaseKind>(),
            Title = d.Text(Limits.TaskTitle)!,
            Description = d.Text(Limits.TaskDescription),
            ResponsibleRole = d.Enum<ProjectRole>(),
            SupportingRoles = d.Roles()!,
            IsOptional = d.Chance(50),
            PlannedStart = start,
            Due = due,
        };
    }

    private static CreateProjectCommand CreateProject(Dice d) => new()
    {
        Name = d.Text(Limits.ProjectName)!,
        Key = d.Chance(70) ? $"F{d.Next(100_000)}" : d.Text(Limits.ProjectKeyMax + 1)!,
        Objective = d.Text(Limits.Objective),
        TargetDate = d.Chance(10) ? null : d.Dates(null).Due,
        PlaybookId = d.Next(10) switch { 0 => DefaultPlaybook.Id, 1 => Guid.NewGuid(), _ => null },
    };

    /// <summary>Garbage, or the default playbook renamed and broken in one of several ways (or, now and then, not at all).</summary>
    private static ImportPlaybookCommand ImportPlaybook(Dice d)
    {
        var document = PlaybookDocument.From(DefaultPlaybook.Create()) with { Name = $"Fuzz {d.Next(1_000_000)}" };
        return new ImportPlaybookCommand(d.Next(5) switch
        {
            0 => d.Text(2000) ?? "",
            1 => (document with { Name = d.Text(Limits.PlaybookName + 1) ?? "" }).Write(),
            2 => (document with { Phases = [.. document.Phases.Take(d.Next(5))] }).Write(),
            3 => (document with { Phases = [.. document.Phases.Select(p => p with { Tasks = [.. p.Tasks.Select(t => t with { Title = d.Text(Limits.TaskTitle + 1) ?? "" })] })] }).Write(),
            _ => document.Write(),
        });
    }

    private static TakePlaybookVersionCommand TakePlaybookVersion(Dice d, World w)
    {
        var project = d.Pick(w.Projects);
        return new TakePlaybookVersionCommand(d.Id(project.Id, w), d.Version(project.Version), d.Chance(70) ? DefaultPlaybook.Id : Guid.NewGuid());
    }

    private static SavePlaybookDraftCommand SavePlaybookDraft(Dice d)
    {
        var phases = PlaybookDocument.From(DefaultPlaybook.Create()).Phases;
        return new SavePlaybookDraftCommand(
            d.Chance(70) ? DefaultPlaybook.Id : Guid.NewGuid(),
            d.Version(0),
            d.Text(Limits.PlaybookName + 1)!,
            d.Text(100),
            d.Next(3) switch
            {
                0 => [.. phases.Take(d.Next(5))],
                1 => [.. phases.Select(p => p with { GateCriteria = [d.Text(Limits.ChecklistText + 1) ?? ""] })],
                _ => phases,
            });
    }

    private static EditProjectDetailsCommand EditDetails(Dice d, World w)
    {
        var project = d.Pick(w.Projects);
        return new EditProjectDetailsCommand
        {
            ProjectId = d.Id(project.Id, w),
            Version = d.Version(project.Version),
            Name = d.Text(Limits.ProjectName)!,
            Objective = d.Text(Limits.Objective),
        };
    }

    private static ReplanProjectCommand Replan(Dice d, World w)
    {
        var project = d.Pick(w.Projects);
        return new ReplanProjectCommand
        {
            ProjectId = d.Id(project.Id, w),
            Version = d.Version(project.Version),
            TargetDate = d.TargetDate(project.TargetDate),
            Reason = d.Chance(30) ? null : d.Text(Limits.Reason),
        };
    }

    private static PreviewReplanQuery PreviewReplan(Dice d, World w)
    {
        var project = d.Pick(w.Projects);
        return new PreviewReplanQuery(d.Id(project.Id, w), d.TargetDate(project.TargetDate));
    }

    private static PutProjectOnHoldCommand PutOnHold(Dice d, World w)
    {
        var project = d.Pick(w.Projects);
        return new PutProjectOnHoldCommand(d.Id(project.Id, w), d.Version(project.Version), d.Text(Limits.Reason)!);
    }

    private static ResumeProjectCommand Resume(Dice d, World w)
    {
        var project = d.Pick(w.Projects);
        return new ResumeProjectCommand(d.Id(project.Id, w), d.Version(project.Version));
    }

    private static CancelProjectCommand Cancel(Dice d, World w)
    {
        var project = d.Pick(w.Projects);
        return new CancelProjectCommand(d.Id(project.Id, w), d.Version(project.Version), d.Text(Limits.Reason)!);
    }

    private static CreateUserCommand CreateUser(Dice d) => new()
    {
        DisplayName = d.Text(Limits.PersonName)!,
        Email = d.Chance(70) ? $"fuzz{d.Next(1_000_000)}@test.local" : d.Text(Limits.Email + 1)!,
        SystemRole = d.Enum<SystemRole>(),
        Password = d.Chance(70) ? AppFixture.Password : d.Text(20)!,
    };

    /// <summary>Field messages are sentences written for people, never FluentValidation's defaults ("'Task Id' must not be empty.").</summary>
    private static void AssertSentences(string what, ValidationException invalid)
    {
        foreach (var (field, messages) in invalid.Errors)
        {
            foreach (var text in messages)
            {
                if (text.Length == 0 || text.StartsWith('\'') || !text.EndsWith('.'))
                {
                    throw new InvalidOperationException($"{what}: the message for {field} is not a sentence for people: \"{text}\"");
                }
            }
        }
    }

    /// <summary>A message for a failure report: its properties, with odd characters escaped and long text cut.</summary>
    private static string Describe(IMessage message) =>
        message.GetType().Name + " { " + string.Join(", ", message.GetType().GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => $"{p.Name} = {Show(p.GetValue(message))}")) + " }";

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{Escape(s.Length > 40 ? s[..40] : s)}\"" + (s.Length > 40 ? $" ({s.Length} chars)" : ""),
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Show)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return builder.ToString();
    }

    /// <summary>
    /// Everyone the fuzz sends as: every kind of caller, including nobody and a disabled account. The fixture's lead,
    /// on every project's team, sends most (so many commands get past authorization to their rules); user
    /// administration and team changes never aim at the two leads, so the world keeps people who can move it.
    /// </summary>
    private async Task<TestPerson?[]> PeopleAsync()
    {
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        return
        [
            app.Lead, app.Lead, app.Lead, admin,
            await app.CreatePersonAsync("Leo Lead", SystemRole.TeamLead),
            await app.CreatePersonAsync("Dana Engineer"), await app.CreatePersonAsync("Dana Engineer"),
            await app.CreatePersonAsync("Sara Scientist"), await app.CreatePersonAsync("Milo Ops"),
            await app.CreatePersonAsync("Pat Viewer"), await app.CreatePersonAsync("Vic Viewer", SystemRole.Viewer),
            await app.CreatePersonAsync("Otto Outsider"), await app.CreatePersonAsync("Dee Disabled"),
            null,
        ];
    }

    /// <summary>Projects in every state: fresh, half way with an open handoff, a gate awaiting its decision, later phases, completed, a second iteration.</summary>
    private async Task ProjectsAsync(TestPerson?[] people)
    {
        var (admin, lead2, engineer, engineer2, scientist, ops, viewer, outsider, disabled) =
            (people[3]!, people[4]!, people[5]!, people[6]!, people[7]!, people[8]!, people[9]!, people[11]!, people[12]!);
        (TestPerson, ProjectRole[])[] team =
        [
            (lead2, [ProjectRole.TeamLead]), (engineer, [ProjectRole.DataEngineer]), (engineer2, [ProjectRole.DataEngineer, ProjectRole.MLEngineer]),
            (scientist, [ProjectRole.DataScientist]), (ops, [ProjectRole.MLEngineer]), (viewer, [ProjectRole.Viewer]), (disabled, [ProjectRole.DataEngineer]),
        ];

        await ArrangeAsync(team, 0);
        var halfway = await ArrangeAsync(team, 0);
        await app.FinishAsync(halfway.Key, "Data collection");
        await app.FinishAsync(halfway.Key, "Data preprocessing");
        var awaiting = await ArrangeAsync(team, 0, finishCurrentPhase: true);
        await app.SendAsync(new SubmitGateCommand(awaiting.Id, PhaseKind.DataDevelopment, "Ready"), engineer);
        await ArrangeAsync(team, 2);
        await ArrangeAsync(team, 4, GateOutcome.CompleteProject);
        await ArrangeAsync(team, 4, GateOutcome.IterateFromModelDevelopment);
        await ArrangeAsync([(outsider, [ProjectRole.DataEngineer, ProjectRole.DataScientist, ProjectRole.MLEngineer])], 0);
        await app.SendAsync(new SetUserEnabledCommand(disabled.Id, Enabled: false), admin);
    }

    /// <summary>
    /// A new project with its team, taken through its first <paramref name="gates"/> gates directly on the entities
    /// (a quick set-up: the use cases are what the fuzz tests). The fixture's lead works and submits, the second lead decides.
    /// </summary>
    private async Task<ProjectBoardDto> ArrangeAsync((TestPerson Person, ProjectRole[] Roles)[] team, int gates, GateOutcome last = GateOutcome.NextPhase, bool finishCurrentPhase = false)
    {
        var board = await app.CreateProjectAsync();
        await app.WithDbAsync(async db =>
        {
            var project = await db.Projects.Include(p => p.Members).Include(p => p.Phases).ThenInclude(ph => ph.Tasks).SingleAsync(p => p.Id == board.Id);
            var (lead, decider, now) = (app.Lead.AsActor(), team[0].Person.AsActor(), DateTimeOffset.UtcNow);
            foreach (var (person, roles) in team)
            {
                project.AddMember(person.Id, person.Name, roles, lead, now);
            }

            foreach (var phase in project.Phases.OrderBy(p => p.Kind).Take(finishCurrentPhase ? 1 : gates))
            {
                FinishWork(phase, lead, now);
                if (!finishCurrentPhase)
                {
                    var review = project.SubmitGate(phase.Kind, "Ready", AllMet(phase.Kind), lead, now);
                    db.GateReviews.Add(review);
                    project.ApproveGate(review, project.IsLastPhase(phase.Kind) ? last : GateOutcome.NextPhase, AllMet(phase.Kind), decider, now);
                }
            }

            return await db.SaveChangesAsync();
        });
        return board;
    }

    /// <summary>
    /// Random commands rarely finish a phase, so now and then a project's working phase is made ready on the entities
    /// (its required tasks done, its criteria met) and submitted through the mediator by the second lead: gates
    /// awaiting a decision, and the phases after them, stay in play for the random commands.
    /// </summary>
    private async Task<string> DriveAsync(Guid projectId, TestPerson submitter)
    {
        var working = await app.WithDbAsync(async db =>
        {
            var project = await db.Projects.Include(p => p.Phases).ThenInclude(ph => ph.Tasks).SingleAsync(p => p.Id == projectId);
            if (!WorkRules.TakesWork(project.Status) || project.Phases.SingleOrDefault(p => p.State == PhaseState.Active) is not { } phase)
            {
                return (PhaseKind?)null;
            }

            FinishWork(phase, app.Lead.AsActor(), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return phase.Kind;
        });
        if (working is not { } kind)
        {
            return "no working phase (or the project is paused or cancelled)";
        }

        if (!await app.WithDbAsync(db => db.ModelVersions.AnyAsync(m => m.ProjectId == projectId)))
        {
            await app.AddCompleteEvidenceAsync(projectId);
        }

        var error = await Record.ExceptionAsync(() => app.SendAsync(new SubmitGateCommand(projectId, kind, "Ready for review"), submitter));
        return error is null ? "submitted"
            : Refusals.Contains(error.GetType()) ? error.GetType().Name
            : throw new InvalidOperationException($"Submitting the {kind} gate of a ready project failed unexpectedly", error);
    }

    /// <summary>A phase's automatic gate criteria, all met (the entity set-up skips the evidence).</summary>
    private static List<AutomaticCriterion> AllMet(PhaseKind kind) =>
        [.. GateEvidence.CriteriaOf(kind).Select(k => new AutomaticCriterion(k, GateEvidence.TextOf(k), true, "", []))];

    /// <summary>Finishes a working phase's required tasks and meets its criteria, directly on the entities.</summary>
    private static void FinishWork(ProjectPhase phase, Actor lead, DateTimeOffset now)
    {
        foreach (var task in phase.OpenRequiredTasks.ToList())
        {
            switch (task.Status)
            {
                case ProjectTaskStatus.NotStarted:
                    task.Start(lead, now);
                    break;
                case ProjectTaskStatus.Blocked:
                    task.Unblock(lead, now);
                    break;
            }

            foreach (var item in task.Checklist.Where(i => !i.IsDone))
            {
                task.SetChecklistItem(item.Number, true, lead, now);
            }

            task.MarkDone(lead, now);
        }

        foreach (var criterion in phase.Gate.Where(c => !c.IsMet))
        {
            phase.SetGateCriterion(criterion.Number, true, lead, now);
        }
    }

    /// <summary>The ids the next commands aim at, read after every change (versions move, new things appear).</summary>
    private Task<World> WorldAsync(TestPerson?[] people) => app.WithDbAsync(async db => new World(
        await db.Projects.AsNoTracking().Select(p => new ProjectRef(p.Id, p.Key, p.Version, p.TargetDate)).ToListAsync(),
        await db.Tasks.AsNoTracking().Select(t => new TaskRef(t.Id, t.Version, t.Title, t.Due)).ToListAsync(),
        await db.GateReviews.AsNoTracking().OrderBy(r => r.Decision != null).ThenByDescending(r => r.SubmittedAt).Select(r => r.Id).Take(20).ToListAsync(),
        await db.Handoffs.AsNoTracking().OrderByDescending(h => h.HandedOverAt).Select(h => h.Id).Take(50).ToListAsync(),
        await db.Notifications.AsNoTracking().OrderByDescending(n => n.CreatedAt).Select(n => n.Id).Take(50).ToListAsync(),
        [.. people.OfType<TestPerson>().Select(p => p.Id).Distinct()],
        [.. people.OfType<TestPerson>().Where(p => p != app.Lead && p != people[4]).Select(p => p.Id).Distinct()]));

    private sealed record Spec(int Kind, int[] Picks);

    private sealed record ProjectRef(Guid Id, string Key, uint Version, DateOnly TargetDate);

    private sealed record TaskRef(Guid Id, uint Version, string Title, DateOnly? Due);

    private sealed record World(
        IReadOnlyList<ProjectRef> Projects,
        IReadOnlyList<TaskRef> Tasks,
        IReadOnlyList<Guid> Reviews,
        IReadOnlyList<Guid> Handoffs,
        IReadOnlyList<Guid> Notifications,
        IReadOnlyList<Guid> People,
        IReadOnlyList<Guid> Others)
    {
        /// <summary>Ids of every kind, for sending one where another kind is expected.</summary>
        public IEnumerable<Guid> AllIds => Projects.Select(p => p.Id).Concat(Tasks.Select(t => t.Id)).Concat(Reviews).Concat(Handoffs).Concat(People);
    }

    /// <summary>
    /// Turns the spec's random numbers into choices, one number per choice, so a shrunk spec gives simpler
    /// choices. Most choices are ordinary; a share of each is hostile.
    /// </summary>
    private sealed class Dice(int[] picks)
    {
        private static readonly string[] OddText =
        [
            "", "   ", "\0", "Data\0collection", "\uD800", "A\uDC00B", "Review \uD83D", "\u200F\u202EReversed\u202C", "\u202Egnp.exe",
            "مراجعة البيانات", "Review 😀🚀👩‍💻", "Z̷̢̛a̸͓̿l̴̰͌g̶̱̈o̵͙͝", "\u0001\u001B[31mred\u001B[0m", "\u007F\u0085", "\uFEFFBOM", "\uFFFF\uFFFE",
            "'; DROP TABLE projects; --", "%_\\%", "<script>alert(1)</script>", "line\r\nbreak\ttab", "ǅemo", "\u00A0\u2028\u2029",
        ];

        private int _next;

        public int Next(int count) => (int)((uint)picks[_next++ % picks.Length] % (uint)count);

        public bool Chance(int percent) => Next(100) < percent;

        public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

        public TaskRef Task(World w) => Pick(w.Tasks);

        /// <summary>Usually the intended id; otherwise an unknown id, the empty id, or an id of another kind of thing.</summary>
        public Guid Id(Guid intended, World w) => Next(20) switch
        {
            0 => Guid.NewGuid(),
            1 => Guid.Empty,
            2 => Pick(w.AllIds.ToList()),
            _ => intended,
        };

        public Guid Id(IReadOnlyList<Guid> intended, World w) => intended.Count == 0 ? Guid.NewGuid() : Id(Pick(intended), w);

        public uint Version(uint current) => Next(10) switch
        {
            0 => current + 1,
            1 => current - 1,
            2 => Chance(50) ? 0 : uint.MaxValue,
            _ => current,
        };

        public TEnum Enum<TEnum>()
            where TEnum : struct, System.Enum
        {
            var values = System.Enum.GetValues<TEnum>();
            return Chance(88) ? values[Next(values.Length)] : (TEnum)System.Enum.ToObject(typeof(TEnum), Pick<int>([0, -1, 99, int.MaxValue, int.MinValue, values.Length + 1]));
        }

        public int Number() => Chance(80) ? 1 + Next(6) : Pick<int>([0, -1, 50, int.MaxValue, int.MinValue]);

        public int Page() => Chance(80) ? 1 + Next(3) : Pick<int>([0, -1, 100_000, 100_001, int.MaxValue, int.MinValue]);

        public int PageSize() => Chance(80) ? Pick<int>([10, 20, 50]) : Pick<int>([0, -1, 100, 101, 200, 201, 10_000, 10_001, int.MaxValue]);

        public int Size() => Chance(80) ? 1 + Next(50) : Pick<int>([0, -1, 100, 101, 7, 365, int.MaxValue, int.MinValue]);

        /// <summary>Ordinary text, or text at and over the limit (also in emoji), 10,000 characters, control characters, broken surrogates, bidi marks, SQL, null.</summary>
        public string? Text(int limit) => Next(25) switch
        {
            < 14 => $"Fuzzed text {Next(10_000)}",
            14 => new string('x', limit),
            15 => new string('x', limit + 1),
            16 => new string('y', 10_000),
            17 => new string('x', limit - 1) + "😀",
            18 => string.Concat(Enumerable.Repeat("😀", limit / 2)),
            19 => null,
            _ => Pick(OddText),
        };

        public string? Key(World w) => Next(10) switch
        {
            0 => Pick(w.Projects).Key.ToLowerInvariant(),
            1 => Text(Limits.ProjectKeyMax),
            _ => Pick(w.Projects).Key,
        };

        public (DateOnly? Start, DateOnly? Due) Dates(DateOnly? around)
        {
            // Earlier commands may have planned a task at the ends of the calendar; aim near today then.
            var day = around is { Year: > 1900 and < 9000 } planned ? planned : DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
            return Next(10) switch
            {
                0 => (null, null),
                1 => (day, day.AddDays(-3)),
                2 => (DateOnly.MinValue, DateOnly.MaxValue),
                3 => (DateOnly.MaxValue, DateOnly.MaxValue),
                4 => (day.AddYears(-30), day.AddYears(10)),
                _ => (day.AddDays(-Next(10)), day.AddDays(Next(10))),
            };
        }

        /// <summary>A new target date: usually weeks from the current one; otherwise the same day, past, far future or the ends of the calendar.</summary>
        public DateOnly? TargetDate(DateOnly current) => Next(10) switch
        {
            0 => null,
            1 => current,
            2 => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-Next(30)),
            3 => DateOnly.FromDateTime(DateTime.UtcNow).AddYears(5 + Next(2)),
            4 => Chance(50) ? DateOnly.MinValue : DateOnly.MaxValue,
            _ => current.AddDays(Next(60) - 20),
        };

        public IReadOnlyList<string>? Links() => Next(20) switch
        {
            < 14 => [],
            14 or 15 => ["https://git.example/pr/1", "http://notebooks.example/run?id=7"],
            16 => [.. Enumerable.Range(0, 11).Select(i => $"https://x.example/{i}")],
            17 => null,
            _ => ["javascript:alert(1)", Text(500) ?? "", "https://x.example/" + Text(500)],
        };

        public IReadOnlyCollection<ProjectRole>? Roles() => Next(10) switch
        {
            < 6 => [Enum<ProjectRole>()],
            6 => [ProjectRole.DataScientist, ProjectRole.DataScientist, ProjectRole.TeamLead],
            7 => [],
            8 => null,
            _ => [(ProjectRole)0, (ProjectRole)99],
        };

        public DashboardFilter? Filter(World w) => Next(10) switch
        {
            < 5 => new DashboardFilter(),
            5 => null,
            _ => new DashboardFilter(Chance(50) ? null : Id(w.People, w), Chance(50) ? null : Enum<ProjectStatus>(), Chance(50) ? null : Enum<PhaseKind>(), Chance(50) ? null : Number()),
        };

        public TimelineFilter? Timeline(World w) => Next(10) switch
        {
            < 5 => new TimelineFilter(),
            5 => null,
            _ => new TimelineFilter(Chance(50) ? null : Enum<PhaseKind>(), Chance(50) ? null : Id(w.People, w), Chance(50) ? null : Enum<ActivityKind>(), Chance(50) ? null : Number()),
        };

        public TestPerson? Caller(TestPerson?[] people) => Chance(40) ? people[0] : people[Next(people.Length)];
    }
}

using DsProcess.Application.Activity.Queries.ProjectTimeline;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Gates.Commands.DecideGate;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Gates.Queries.GateDetails;
using DsProcess.Application.Handoffs.Commands.AcknowledgeHandoff;
using DsProcess.Application.Notifications.Commands.MarkNotificationsRead;
using DsProcess.Application.Notifications.Queries.MyNotifications;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Application.Work.Queries.MyWork;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tests;

public sealed class GateAndHandoffUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Submit_then_approve_activates_the_next_phase_and_tells_both_sides()
    {
        var (board, engineer, scientist) = await TeamAsync();
        await app.FinishRequiredTasksAsync(board.Key, PhaseKind.DataDevelopment);

        var review = await app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.DataDevelopment, "Silver v3 ready"), engineer);

        var submitted = (await app.BoardAsync(board.Key)).Phases[0];
        Assert.Equal(GateState.Submitted, submitted.GateState);
        Assert.Contains((await app.SendAsync(new MyNotificationsQuery(), scientist)).Items, n => n.Kind == NotificationKind.GateToDecide);

        await app.SendAsync(new DecideGateCommand(review, GateDecision.Approved), scientist);

        var after = await app.BoardAsync(board.Key);
        Assert.Equal(PhaseKind.ModelDevelopment, after.CurrentPhase);
        Assert.Equal([GateState.Approved, GateState.Locked, GateState.Locked, GateState.Locked], after.Phases.Select(p => p.GateState));
        Assert.Equal(PhaseState.Active, after.Phases[1].State);
        var decided = Assert.Single((await app.SendAsync(new MyNotificationsQuery(), engineer)).Items, n => n.Kind == NotificationKind.GateDecided);
        Assert.Contains("approved", decided.Text, StringComparison.Ordinal);
        Assert.Equal($"/projects/{board.Key}?gate=DataDevelopment", decided.Link);
    }

    [Fact]
    public async Task Reject_then_resubmit_keeps_both_decisions()
    {
        var (board, engineer, scientist) = await TeamAsync();
        await app.FinishRequiredTasksAsync(board.Key, PhaseKind.DataDevelopment);
        var first = await app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.DataDevelopment), engineer);

        var noReason = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new DecideGateCommand(first, GateDecision.Rejected), scientist));
        Assert.True(noReason.Errors.ContainsKey("Reason"));
        await app.SendAsync(new DecideGateCommand(first, GateDecision.Rejected, Reason: "Profile is missing the PII scan"), scientist);

        var rejected = (await app.BoardAsync(board.Key)).Phases[0];
        Assert.Equal(GateState.Rejected, rejected.GateState);
        Assert.Equal(PhaseState.Active, rejected.State);
        Assert.Equal("Profile is missing the PII scan", rejected.LatestReview!.DecisionReason);

        var second = await app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.DataDevelopment, "PII scan added"), engineer);
        await app.SendAsync(new DecideGateCommand(second, GateDecision.Approved), scientist);

        var history = (await app.SendAsync(new GateDetailsQuery(board.Key, PhaseKind.DataDevelopment, WithKpis: false))).History;
        Assert.Equal([GateDecision.Approved, GateDecision.Rejected], history.Select(h => h.Decision!.Value));
    }

    [Fact]
    public async Task The_submitter_may_not_decide_and_a_decided_gate_cannot_be_decided_again()
    {
        var (board, _, scientist) = await TeamAsync();
        await app.FinishRequiredTasksAsync(board.Key, PhaseKind.DataDevelopment);
        var review = await app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.DataDevelopment));

        var own = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new DecideGateCommand(review, GateDecision.Approved)));
        Assert.Contains("someone else decides", own.Message, StringComparison.Ordinal);
        Assert.Equal(PhaseState.AwaitingGate, (await app.BoardAsync(board.Key)).Phases[0].State);

        await app.SendAsync(new DecideGateCommand(review, GateDecision.Approved), scientist);
        var otherLead = await app.CreateMemberAsync(board.Id, "Tim Lead", ProjectRole.TeamLead);
        var again = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new DecideGateCommand(review, GateDecision.Rejected, Reason: "late"), otherLead));
        Assert.Contains("already approved", again.Message, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.GateApproved)));
    }

    [Fact]
    public async Task Double_submitting_or_double_approving_at_once_makes_exactly_one_record()
    {
        var (board, engineer, scientist) = await TeamAsync();
        await app.FinishRequiredTasksAsync(board.Key, PhaseKind.DataDevelopment);

        var submits = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Record.ExceptionAsync(() =>
            app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.DataDevelopment), engineer)).AsTask()));
        var review = await app.WithDbAsync(db => db.GateReviews.SingleAsync(r => r.ProjectId == board.Id));
        Assert.Single(submits, e => e is null);
        Assert.All(submits.OfType<Exception>(), e => Assert.True(e is ConflictException or DomainRuleException, e.GetType().Name));

        var approvals = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Record.ExceptionAsync(() =>
            app.SendAsync(new DecideGateCommand(review.Id, GateDecision.Approved), scientist)).AsTask()));

        Assert.Single(approvals, e => e is null);
        Assert.Equal(1, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.GateApproved)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.GateSubmitted)));
    }

    [Fact]
    public async Task The_outcome_review_starts_a_new_iteration_and_earlier_history_stays_readable()
    {
        var (board, _, scientist) = await TeamAsync();
        var mlEngineer = await app.CreateMemberAsync(board.Id, "Milo Ops", ProjectRole.MLEngineer);
        var coLead = await app.CreateMemberAsync(board.Id, "Cole Lead", ProjectRole.TeamLead);
        await app.PassGateAsync(board.Key, PhaseKind.DataDevelopment, scientist);
        await app.PassGateAsync(board.Key, PhaseKind.ModelDevelopment, mlEngineer);
        await app.PassGateAsync(board.Key, PhaseKind.ProductionDeployment, scientist);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.PassGateAsync(board.Key, PhaseKind.BusinessAnalysis, scientist, GateOutcome.IterateFromProductionDeployment));
        var review = await app.WithDbAsync(db => db.GateReviews.SingleAsync(r => r.ProjectId == board.Id && r.Phase == PhaseKind.BusinessAnalysis));
        await app.SendAsync(new DecideGateCommand(review.Id, GateDecision.Approved, GateOutcome.IterateFromProductionDeployment), coLead);

        var after = await app.BoardAsync(board.Key);
        Assert.Equal(2, after.Iteration);
        Assert.Equal(PhaseKind.ProductionDeployment, after.CurrentPhase);
        Assert.Equal([PhaseState.Completed, PhaseState.Completed, PhaseState.Active, PhaseState.NotStarted], after.Phases.Select(p => p.State));
        Assert.All(after.Phases[2].Tasks, t => Assert.Equal(ProjectTaskStatus.NotStarted, t.Status));
        var firstIteration = await app.SendAsync(new ProjectTimelineQuery(board.Key, new TimelineFilter(Phase: PhaseKind.ProductionDeployment, Iteration: 1), PageSize: 200));
        Assert.Contains(firstIteration.Entries.Items, e => e.Kind == ActivityKind.GateApproved);
        Assert.Contains(firstIteration.Entries.Items, e => e.Kind == ActivityKind.TaskStatusChanged && e.To == "Done");
        var history = (await app.SendAsync(new GateDetailsQuery(board.Key, PhaseKind.ProductionDeployment, WithKpis: false))).History;
        Assert.Equal(1, Assert.Single(history).Iteration);
    }

    [Fact]
    public async Task Finishing_a_task_hands_the_work_to_the_next_role_who_acknowledges_it()
    {
        var (board, engineer, scientist) = await TeamAsync();
        await app.FinishAsync(board.Key, "Data collection");
        var task = await app.TaskAsync(board.Key, "Data preprocessing");
        await app.SendAsync(new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start), engineer);
        foreach (var item in task.Checklist)
        {
            await app.SendAsync(new SetChecklistItemCommand(task.Id, item.Number, true), engineer);
        }

        task = await app.TaskAsync(board.Key, "Data preprocessing");
        await app.SendAsync(
            new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Done) { Note = "Silver v3", Evidence = ["https://lake.example.com/silver/v3"] },
            engineer);

        var features = await app.TaskAsync(board.Key, "Feature engineering");
        Assert.NotNull(features.OpenHandoff);
        Assert.Equal("Silver v3", features.OpenHandoff.Note);
        Assert.Equal(["https://lake.example.com/silver/v3"], features.OpenHandoff.Links);
        Assert.Equal(["https://lake.example.com/silver/v3"], (await app.TaskAsync(board.Key, "Data preprocessing")).Evidence);
        var work = await app.SendAsync(new MyWorkQuery(), scientist);
        var handed = Assert.Single(work.Handoffs);
        Assert.Equal("Feature engineering", handed.ToTaskTitle);
        var notice = Assert.Single((await app.SendAsync(new MyNotificationsQuery(), scientist)).Items);
        Assert.Equal(NotificationKind.HandoffToYou, notice.Kind);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new AcknowledgeHandoffCommand(handed.Id), engineer));
        await app.SendAsync(new AcknowledgeHandoffCommand(handed.Id), scientist);
        var again = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new AcknowledgeHandoffCommand(handed.Id), scientist));

        Assert.Contains("already acknowledged", again.Message, StringComparison.Ordinal);
        Assert.Empty((await app.SendAsync(new MyWorkQuery(), scientist)).Handoffs);
        Assert.Null((await app.TaskAsync(board.Key, "Feature engineering")).OpenHandoff);
    }

    [Fact]
    public async Task Evidence_links_must_be_web_addresses()
    {
        var (board, _, _) = await TeamAsync();
        var task = await app.TaskAsync(board.Key, "Data collection");

        var error = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(
            new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Done) { Evidence = ["not a link"] }));

        Assert.Contains(error.Errors, e => e.Key.StartsWith("Evidence", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notifications_are_marked_read_one_by_one_or_all_at_once()
    {
        var (board, engineer, scientist) = await TeamAsync();
        await app.FinishRequiredTasksAsync(board.Key, PhaseKind.DataDevelopment);
        await app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.DataDevelopment), engineer);
        var mine = await app.SendAsync(new MyNotificationsQuery(), scientist);
        Assert.True(mine.UnreadCount >= 1);

        await app.SendAsync(new MarkNotificationsReadCommand(mine.Items[0].Id), scientist);
        Assert.Equal(mine.UnreadCount - 1, (await app.SendAsync(new MyNotificationsQuery(), scientist)).UnreadCount);
        await app.SendAsync(new MarkNotificationsReadCommand(), scientist);
        Assert.Equal(0, (await app.SendAsync(new MyNotificationsQuery(), scientist)).UnreadCount);
    }

    [Fact]
    public async Task Each_change_writes_exactly_one_activity_row_and_a_rolled_back_change_writes_none()
    {
        var (board, engineer, _) = await TeamAsync();
        var task = await app.TaskAsync(board.Key, "Data collection");
        var before = await app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == board.Id));

        await app.SendAsync(new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start), engineer);
        await app.SendAsync(new SetChecklistItemCommand(task.Id, 1, true), engineer);

        var rows = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id).OrderBy(a => a.Id).Skip(before).ToListAsync());
        Assert.Equal([ActivityKind.TaskStatusChanged, ActivityKind.ChecklistItemTicked], rows.Select(r => r.Kind));
        Assert.All(rows, r => Assert.Equal(engineer.Name, r.ActorName));

        await app.InRolledBackTransactionAsync(async db =>
        {
            var tracked = await db.Tasks.Include(t => t.Phase).ThenInclude(p => p.Project).SingleAsync(t => t.Id == task.Id);
            tracked.SetChecklistItem(2, true, engineer.AsActor(), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            Assert.Equal(before + 3, await db.Activity.CountAsync(a => a.ProjectId == board.Id));
        });

        Assert.Equal(before + 2, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == board.Id)));
        Assert.False((await app.TaskAsync(board.Key, "Data collection")).Checklist[1].IsDone);
    }

    [Fact]
    public async Task The_timeline_filters_by_phase_person_and_kind_and_pages_newest_first()
    {
        var (board, engineer, _) = await TeamAsync();
        var task = await app.TaskAsync(board.Key, "Data collection");
        await app.SendAsync(new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start), engineer);
        await app.SendAsync(new SetChecklistItemCommand(task.Id, 1, true), engineer);
        await app.SendAsync(new SetChecklistItemCommand(task.Id, 2, true), engineer);

        var byEngineer = await app.SendAsync(new ProjectTimelineQuery(board.Key, new TimelineFilter(ActorId: engineer.Id), PageSize: 2));
        Assert.Equal(3, byEngineer.Entries.TotalCount);
        Assert.Equal([ActivityKind.ChecklistItemTicked, ActivityKind.ChecklistItemTicked], byEngineer.Entries.Items.Select(e => e.Kind));
        Assert.Contains(byEngineer.Actors, a => a.Id == engineer.Id);

        var starts = await app.SendAsync(new ProjectTimelineQuery(board.Key, new TimelineFilter(PhaseKind.DataDevelopment, Kind: ActivityKind.TaskStatusChanged)));
        Assert.Equal("Not started", Assert.Single(starts.Entries.Items).From);

        var export = await app.SendAsync(new ExportTimelineQuery(board.Key, new TimelineFilter(ActorId: engineer.Id)));
        Assert.Equal(ActivityKind.TaskStatusChanged, export[0].Kind);
        Assert.Equal(3, export.Count);
    }

    /// <summary>A project led by the fixture's lead, with a data engineer and a data scientist.</summary>
    [Fact]
    public async Task A_rejection_longer_than_a_notification_is_shortened_there_without_breaking_a_character()
    {
        var (board, engineer, scientist) = await TeamAsync();
        await app.FinishRequiredTasksAsync(board.Key, PhaseKind.DataDevelopment);
        var review = await app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.DataDevelopment), engineer);
        var before = $"{scientist.Name} sent the Data Development gate of {board.Key} back: ";

        // Emoji (two UTF-16 units each) from an odd offset: cutting the text at an even length splits one of them.
        var reason = new string('x', before.Length % 2 == 0 ? 1 : 2) + string.Concat(Enumerable.Repeat("😀", 400));
        await app.SendAsync(new DecideGateCommand(review, GateDecision.Rejected, Reason: reason), scientist);

        var text = Assert.Single((await app.SendAsync(new MyNotificationsQuery(), engineer)).Items, n => n.Kind == NotificationKind.GateDecided).Text;
        Assert.True(text.Length <= Limits.NotificationText, $"{text.Length} characters");
        Assert.StartsWith(before, text, StringComparison.Ordinal);
        Assert.EndsWith("😀…", text, StringComparison.Ordinal);
        Assert.Equal(reason, (await app.SendAsync(new GateDetailsQuery(board.Key, PhaseKind.DataDevelopment, WithKpis: false))).History.Single().DecisionReason);
    }

    private async Task<(Projects.Queries.ProjectBoard.ProjectBoardDto Board, TestPerson Engineer, TestPerson Scientist)> TeamAsync()
    {
        var board = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(board.Id, "Dan Engineer", ProjectRole.DataEngineer);
        var scientist = await app.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        return (await app.BoardAsync(board.Key), engineer, scientist);
    }
}

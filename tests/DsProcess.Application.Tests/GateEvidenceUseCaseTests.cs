using DsProcess.Application.Activity.Queries.ProjectTimeline;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Gates.Commands.DecideGate;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Gates.Queries.AutomaticCriteria;
using DsProcess.Application.Gates.Queries.GateDetails;
using DsProcess.Application.Kpis.Commands.AddKpi;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Application.Work.Queries.MyWork;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tests;

public sealed class GateEvidenceUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Submitting_while_no_model_version_meets_the_targets_is_refused_naming_the_criterion_and_saves_nothing()
    {
        var (board, scientist, _) = await InModelDevelopmentAsync();
        await app.AddTargetAsync(board.Id, "recall", 0.8);
        await app.AddModelAsync(board.Id, "v1", recall: 0.71);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.ModelDevelopment, "v1 is good"), scientist));

        Assert.Equal(
            "The Model Development gate cannot be submitted: “A model version evaluated on the hold-out split meets every metric target” is not met (churn-gbm v1 misses recall on the test (hold-out) split ≥ 0.8).",
            refused.Message);
        var phase = (await app.BoardAsync(board.Key)).Phases[1];
        Assert.Equal(PhaseState.Active, phase.State);
        Assert.Equal(GateState.Locked, phase.GateState);
        Assert.False(phase.CanSubmit);
        Assert.False(Assert.Single(phase.Automatic).IsMet);
        Assert.Empty((await app.SendAsync(new GateDetailsQuery(board.Key, PhaseKind.ModelDevelopment, WithKpis: false))).History);
    }

    [Fact]
    public async Task The_approval_records_the_model_version_it_stood_on_and_later_versions_do_not_change_it()
    {
        var (board, scientist, mlEngineer) = await InModelDevelopmentAsync();
        await app.AddTargetAsync(board.Id, "recall", 0.8);
        await app.AddModelAsync(board.Id, "v1", recall: 0.71);
        var v2 = await app.AddModelAsync(board.Id, "v2", recall: 0.86);
        var ready = (await app.BoardAsync(board.Key)).Phases[1];
        Assert.Equal(GateState.Ready, ready.GateState);
        Assert.True(Assert.Single(ready.Automatic).IsMet);

        var review = await app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.ModelDevelopment), scientist);
        await app.SendAsync(new DecideGateCommand(review, GateDecision.Approved), mlEngineer);

        EvidenceRef[] approved = [new(EvidenceKind.ModelVersion, v2, "churn-gbm v2")];
        Assert.Equal(approved, (await app.SendAsync(new GateDetailsQuery(board.Key, PhaseKind.ModelDevelopment, WithKpis: false))).History.Single().ApprovedEvidence);

        await app.AddModelAsync(board.Id, "v3", recall: 0.93);
        await app.WithDbAsync(async db =>
        {
            var model = await db.ModelVersions.SingleAsync(m => m.Id == v2);
            model.MoveTo(ModelStage.Retired, "superseded by v3", app.Lead.AsActor(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(approved, (await app.SendAsync(new GateDetailsQuery(board.Key, PhaseKind.ModelDevelopment, WithKpis: false))).History.Single().ApprovedEvidence);
        Assert.Equal(approved, (await app.WithDbAsync(db => db.GateReviews.AsNoTracking().SingleAsync(r => r.Id == review))).ApprovedEvidence);
    }

    [Fact]
    public async Task A_gates_details_read_in_one_query_are_its_history_its_automatic_criteria_and_for_the_outcome_review_the_kpis()
    {
        var (board, scientist, mlEngineer) = await InModelDevelopmentAsync();
        await app.AddTargetAsync(board.Id, "recall", 0.8);
        await app.AddModelAsync(board.Id, "v1", recall: 0.86);
        var review = await app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.ModelDevelopment), scientist);
        await app.SendAsync(new DecideGateCommand(review, GateDecision.Approved), mlEngineer);
        await app.SendAsync(new AddKpiCommand(board.Id, "Conversion rate", "%", 3.2, 5, TargetDirection.AtLeast));

        var details = await app.SendAsync(new GateDetailsQuery(board.Key, PhaseKind.ModelDevelopment, WithKpis: false));

        var history = Assert.Single(details.History);
        Assert.Equal(GateDecision.Approved, history.Decision);
        Assert.Equal("churn-gbm v1", Assert.Single(history.ApprovedEvidence).Label);
        var criterion = Assert.Single(details.Automatic);
        var expected = Assert.Single(await app.SendAsync(new AutomaticCriteriaQuery(board.Id, PhaseKind.ModelDevelopment)));
        Assert.Equal((expected.Kind, expected.IsMet, expected.Detail, expected.Page), (criterion.Kind, criterion.IsMet, criterion.Detail, criterion.Page));
        Assert.Equal(expected.Evidence, criterion.Evidence);
        Assert.Empty(details.Kpis);

        var outcome = await app.SendAsync(new GateDetailsQuery(board.Key, PhaseKind.BusinessAnalysis, WithKpis: true));
        Assert.Empty(outcome.History);
        Assert.Equal("Conversion rate", Assert.Single(outcome.Kpis).Name);
    }

    [Fact]
    public async Task The_automatic_criteria_name_their_versions_with_links_to_the_data_and_models_pages()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        await app.AddGovernedDataAsync(board.Id, withTestSplit: false);

        var data = await app.SendAsync(new AutomaticCriteriaQuery(board.Id, PhaseKind.DataDevelopment));

        var governed = data.Single(c => c.Kind == AutomaticCriterionKind.GovernedData);
        Assert.True(governed.IsMet);
        var version = Assert.Single(governed.Evidence);
        Assert.Equal("customers-clean v1", version.Label);
        Assert.Equal($"/projects/{board.Key}/data", version.Href);
        var splits = data.Single(c => c.Kind == AutomaticCriterionKind.TrainingAndTestSplits);
        Assert.False(splits.IsMet);
        Assert.Equal("no test split", splits.Detail);
        Assert.Equal($"/projects/{board.Key}/models", (await app.SendAsync(new AutomaticCriteriaQuery(board.Id, PhaseKind.ModelDevelopment))).Single().Page);
    }

    [Fact]
    public async Task The_model_development_gate_sends_the_project_back_to_data_development_with_the_reason_in_the_log()
    {
        var (board, scientist, mlEngineer) = await InModelDevelopmentAsync();
        await app.AddTargetAsync(board.Id, "recall", 0.8);
        await app.AddModelAsync(board.Id, "v1", recall: 0.9);
        var review = await app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.ModelDevelopment), scientist);

        await app.SendAsync(new DecideGateCommand(review, GateDecision.Rejected, GateOutcome.IterateFromDataDevelopment, "The data is not sufficient: no winter months."), mlEngineer);

        var after = await app.BoardAsync(board.Key);
        Assert.Equal(2, after.Iteration);
        Assert.Equal(PhaseKind.DataDevelopment, after.CurrentPhase);
        Assert.Equal([PhaseState.Active, PhaseState.NotStarted, PhaseState.NotStarted, PhaseState.NotStarted], after.Phases.Select(p => p.State));
        var log = await app.SendAsync(new ProjectTimelineQuery(board.Key, new TimelineFilter()));
        var started = Assert.Single(log.Entries.Items, a => a.Kind == ActivityKind.IterationStarted);
        Assert.Equal("The data is not sufficient: no winter months.", started.Reason);
        Assert.Equal(GateOutcome.IterateFromDataDevelopment, (await app.SendAsync(new GateDetailsQuery(board.Key, PhaseKind.ModelDevelopment, WithKpis: false))).History.Single().Outcome);
    }

    [Fact]
    public async Task The_board_header_shows_the_best_model_version_against_the_targets()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        Assert.Null((await app.BoardAsync(board.Key)).Evidence.BestModel);
        await app.AddGovernedDataAsync(board.Id);
        await app.AddTargetAsync(board.Id, "recall", 0.8);
        await app.AddTargetAsync(board.Id, "precision", 0.7);

        // The older one meets one target (its metric names in another case), the newer none: most targets wins.
        await ModelAsync(board.Id, "v1", (" Recall ", 0.82), ("precision", 0.61));
        await ModelAsync(board.Id, "v2", ("recall", 0.79), ("precision", 0.69));
        var oneOfTwo = (await app.BoardAsync(board.Key)).Evidence;
        Assert.Equal("churn-gbm v1", oneOfTwo.BestModel!.DisplayName);
        Assert.Equal("1 of 2 targets met", oneOfTwo.BestModelStanding);

        var v3 = await ModelAsync(board.Id, "v3", ("recall", 0.84), ("precision", 0.76));
        var meets = (await app.BoardAsync(board.Key)).Evidence;
        Assert.Equal(v3, meets.BestModel!.Id);
        Assert.Equal("meets all targets", meets.BestModelStanding);

        await app.WithDbAsync(async db =>
        {
            (await db.ModelVersions.SingleAsync(m => m.Id == v3)).MoveTo(ModelStage.Retired, "leak found", app.Lead.AsActor(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        Assert.Equal("churn-gbm v1", (await app.BoardAsync(board.Key)).Evidence.BestModel!.DisplayName);
    }

    [Fact]
    public async Task The_boards_count_of_targets_met_agrees_with_the_domains_evaluation()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        MetricTarget[] targets =
        [
            MetricTarget.Set(board.Id, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, app.Lead.AsActor(), DateTimeOffset.UtcNow),
            MetricTarget.Set(board.Id, "p95 latency ms", MetricSplit.Production, TargetDirection.AtMost, 100, app.Lead.AsActor(), DateTimeOffset.UtcNow),
        ];
        await app.WithDbAsync(db =>
        {
            db.MetricTargets.AddRange(targets);
            return db.SaveChangesAsync();
        });
        ModelMetric[][] cases =
        [
            [new(" RECALL ", MetricSplit.Test, 0.85), new("P95 latency MS", MetricSplit.Production, 90)],
            [new("recall", MetricSplit.Test, 0.8), new("p95 latency ms", MetricSplit.Production, 100)],
            [new("recall", MetricSplit.Test, 0.79), new("p95 latency ms", MetricSplit.Production, 101)],
            [new("recall", MetricSplit.Validation, 0.9), new("p95 latency ms", MetricSplit.Test, 50)],
            [new("recall", MetricSplit.Test, 0.9)],
            [],
        ];

        foreach (var (metrics, n) in cases.Select((m, i) => (m, i)))
        {
            // Each case is the project's only version in play, so the board's best model is that version.
            await app.WithDbAsync(async db =>
            {
                foreach (var earlier in await db.ModelVersions.Where(m => m.ProjectId == board.Id && m.Stage != ModelStage.Retired).ToListAsync())
                {
                    earlier.MoveTo(ModelStage.Retired, "Next case", app.Lead.AsActor(), DateTimeOffset.UtcNow);
                }

                var model = ModelVersion.Register(board.Id, null, new ModelVersionFacts("m", $"v{n}", null, null, null), [], [], metrics, app.Lead.AsActor(), DateTimeOffset.UtcNow);
                model.EvaluateAgainst(targets);
                db.ModelVersions.Add(model);
                return await db.SaveChangesAsync();
            });

            var expected = targets.Count(t => EvidenceRules.Evaluate(t.Metric, t.Split, t.Direction, t.Threshold, metrics) == TargetResult.Met);
            Assert.Equal(expected, (await app.BoardAsync(board.Key)).Evidence.BestModel!.TargetsMet);
        }
    }

    [Fact]
    public async Task The_data_engineers_handoff_names_the_dataset_versions_and_the_scientist_sees_them()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var engineer = await app.CreateMemberAsync(board.Id, "Dan Engineer", ProjectRole.DataEngineer);
        var scientist = await app.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        var (curated, _, test) = await app.AddGovernedDataAsync(board.Id);
        await app.FinishAsync(board.Key, "Data collection");
        var preprocessing = await ReadyToFinishAsync(board.Key, "Data preprocessing");

        await app.SendAsync(new ChangeTaskStatusCommand(preprocessing.Id, preprocessing.Version, TaskMove.Done) { DatasetVersionIds = [curated, test] }, engineer);

        EvidenceRef[] handed = [new(EvidenceKind.DatasetVersion, curated, "customers-clean v1"), new(EvidenceKind.DatasetVersion, test, "customers-test v1")];
        var mine = Assert.Single((await app.SendAsync(new MyWorkQuery(), scientist)).Handoffs);
        Assert.Equal(handed, mine.Versions.OrderBy(v => v.Label));
        Assert.Equal(handed, (await app.TaskAsync(board.Key, "Feature engineering")).OpenHandoff!.Versions.OrderBy(v => v.Label));
    }

    [Fact]
    public async Task A_handoff_naming_another_projects_version_is_refused_and_changes_nothing()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var elsewhere = await app.CreateProjectAsync();
        var foreignData = await app.WithDbAsync(db => db.DatasetVersions.Where(v => v.ProjectId == elsewhere.Id).Select(v => v.Id).FirstAsync());
        var foreignModel = await app.WithDbAsync(db => db.ModelVersions.Where(m => m.ProjectId == elsewhere.Id).Select(m => m.Id).FirstAsync());
        await app.FinishAsync(board.Key, "Data collection");
        var preprocessing = await ReadyToFinishAsync(board.Key, "Data preprocessing");

        var data = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(
            new ChangeTaskStatusCommand(preprocessing.Id, preprocessing.Version, TaskMove.Done) { DatasetVersionIds = [foreignData] }));
        var model = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(
            new ChangeTaskStatusCommand(preprocessing.Id, preprocessing.Version, TaskMove.Done) { ModelVersionId = foreignModel }));

        Assert.Contains($"Choose dataset versions of {board.Key}", Assert.Single(data.Errors["DatasetVersionIds"]), StringComparison.Ordinal);
        Assert.Equal($"Choose a model version of {board.Key} that is not retired.", Assert.Single(model.Errors["ModelVersionId"]));
        Assert.Equal(ProjectTaskStatus.InProgress, (await app.TaskAsync(board.Key, "Data preprocessing")).Status);
        Assert.Null((await app.TaskAsync(board.Key, "Feature engineering")).OpenHandoff);
    }

    [Fact]
    public async Task A_handoff_naming_a_retired_model_version_is_refused_and_changes_nothing()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        await app.AddGovernedDataAsync(board.Id);
        var retired = await app.AddModelAsync(board.Id, "v1", recall: 0.9);
        await app.WithDbAsync(async db =>
        {
            (await db.ModelVersions.SingleAsync(m => m.Id == retired)).MoveTo(ModelStage.Retired, "Superseded", app.Lead.AsActor(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        await app.FinishAsync(board.Key, "Data collection");
        var preprocessing = await ReadyToFinishAsync(board.Key, "Data preprocessing");

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(
            new ChangeTaskStatusCommand(preprocessing.Id, preprocessing.Version, TaskMove.Done) { ModelVersionId = retired }));

        Assert.Equal($"Choose a model version of {board.Key} that is not retired.", Assert.Single(refused.Errors["ModelVersionId"]));
        Assert.Equal(ProjectTaskStatus.InProgress, (await app.TaskAsync(board.Key, "Data preprocessing")).Status);
    }

    /// <summary>Starts the task and ticks its required checklist, so the next move is Done.</summary>
    private async Task<BoardTask> ReadyToFinishAsync(string key, string title)
    {
        var task = await app.MoveAsync(key, title, TaskMove.Start);
        foreach (var item in task.Checklist.Where(i => i.IsRequired))
        {
            await app.SendAsync(new SetChecklistItemCommand(task.Id, item.Number, Done: true));
        }

        return await app.TaskAsync(key, title);
    }

    /// <summary>A project whose Data Development gate has passed on real evidence; its Model Development tasks are done.</summary>
    private async Task<(ProjectBoardDto Board, TestPerson Scientist, TestPerson MLEngineer)> InModelDevelopmentAsync()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var scientist = await app.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        var mlEngineer = await app.CreateMemberAsync(board.Id, "Milo Ops", ProjectRole.MLEngineer);
        await app.AddGovernedDataAsync(board.Id);
        await app.PassGateAsync(board.Key, PhaseKind.DataDevelopment, scientist);
        await app.FinishRequiredTasksAsync(board.Key, PhaseKind.ModelDevelopment);
        return (await app.BoardAsync(board.Key), scientist, mlEngineer);
    }

    private Task<Guid> ModelAsync(Guid projectId, string label, params (string Name, double Value)[] metrics) =>
        app.WithDbAsync(async db =>
        {
            var test = await db.DatasetVersions.Where(v => v.ProjectId == projectId && v.Purpose == DatasetPurpose.TestSplit).ToListAsync();
            var model = ModelVersion.Register(
                projectId,
                null,
                new ModelVersionFacts("churn-gbm", label, null, null, null),
                [],
                test,
                [.. metrics.Select(m => new ModelMetric(m.Name, MetricSplit.Test, m.Value))],
                app.Lead.AsActor(),
                DateTimeOffset.UtcNow);
            model.EvaluateAgainst(await db.MetricTargets.Where(t => t.ProjectId == projectId).ToListAsync());
            db.ModelVersions.Add(model);
            await db.SaveChangesAsync();
            return model.Id;
        });
}

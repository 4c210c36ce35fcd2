using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Dashboards;
using DsProcess.Application.Dashboards.Queries.Portfolio;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Evidence.Models.Commands.ChangeModelStage;
using DsProcess.Application.Evidence.Models.Commands.RegisterModelVersion;
using DsProcess.Application.Evidence.Models.Commands.RemoveMetricTarget;
using DsProcess.Application.Evidence.Models.Commands.SetMetricTarget;
using DsProcess.Application.Evidence.Models.Commands.StartExperiment;
using DsProcess.Application.Evidence.Models.Queries.ProjectModels;
using DsProcess.Application.Notifications.Queries.MyNotifications;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DsProcess.Application.Tests;

public sealed class ModelUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_registered_version_is_judged_against_every_target_and_logged()
    {
        var (project, splits, scientist, _) = await TeamAsync();
        await app.SendAsync(new SetMetricTargetCommand(project, "Recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8), scientist);
        await app.SendAsync(new SetMetricTargetCommand(project, "latency_p95_ms", MetricSplit.Production, TargetDirection.AtMost, 100), scientist);

        await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v1", recall: 0.85), scientist);

        var page = await ModelsAsync(project);
        var v1 = Assert.Single(page.Versions);
        Assert.Equal(["latency_p95_ms on the production split ≤ 100", "Recall on the test (hold-out) split ≥ 0.8"], page.Targets.Select(t => t.Description));
        Assert.Equal([TargetResult.Missing, TargetResult.Met], v1.Results);
        Assert.False(v1.MeetsTargets);
        Assert.True(v1.EvaluatedOnHoldOut);
        Assert.Equal(["churn_train v1"], v1.TrainedOn);
        Assert.Equal(["churn_test v1"], v1.EvaluatedOn);
        Assert.Equal(ModelStage.Candidate, v1.Stage);
        var logged = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ProjectId == project && a.Kind == ActivityKind.ModelVersionRegistered));
        Assert.Equal("Churn model v1", logged.Subject);
        Assert.Equal(scientist.Name, logged.ActorName);
    }

    [Fact]
    public async Task A_version_that_meets_every_target_tells_the_ml_engineers_and_the_lead()
    {
        var (project, splits, scientist, mlEngineer) = await TeamAsync();
        await app.SendAsync(new SetMetricTargetCommand(project, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8), scientist);

        await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v1", recall: 0.7), scientist);
        Assert.Empty(await MeetsNoticesAsync(mlEngineer, project));
        await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v2", recall: 0.82), scientist);

        var notice = Assert.Single(await MeetsNoticesAsync(mlEngineer, project));
        Assert.Contains("Churn model v2", notice.Text, StringComparison.Ordinal);
        Assert.Contains("meets all targets", notice.Text, StringComparison.Ordinal);
        Assert.EndsWith("/models", notice.Link, StringComparison.Ordinal);
        Assert.Single(await MeetsNoticesAsync(null, project));
        Assert.Empty(await MeetsNoticesAsync(scientist, project));
        Assert.Equal([true, false], (await ModelsAsync(project)).Versions.Select(v => v.MeetsTargets));
    }

    [Fact]
    public async Task Changing_a_target_judges_every_version_again_and_tells_about_the_newly_passing_ones_only()
    {
        var (project, splits, scientist, mlEngineer) = await TeamAsync();
        await app.SendAsync(new SetMetricTargetCommand(project, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.9), scientist);
        await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v1", recall: 0.75), scientist);
        await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v2", recall: 0.85), scientist);
        var target = Assert.Single((await ModelsAsync(project)).Targets);

        await app.SendAsync(new SetMetricTargetCommand(project, "Recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, target.Version), scientist);

        var page = await ModelsAsync(project);
        var changed = Assert.Single(page.Targets);
        Assert.Equal(target.Id, changed.Id);
        Assert.Equal(0.8, changed.Threshold);
        Assert.Equal([true, false], page.Versions.Select(v => v.MeetsTargets));
        Assert.Equal([TargetResult.Met, TargetResult.NotMet], page.Versions.Select(v => v.Results.Single()));
        var notice = Assert.Single(await MeetsNoticesAsync(mlEngineer, project));
        Assert.Contains("Churn model v2", notice.Text, StringComparison.Ordinal);

        // A second target that nobody meets yet: no version meets them all any more.
        await app.SendAsync(new SetMetricTargetCommand(project, "precision", MetricSplit.Test, TargetDirection.AtLeast, 0.75), scientist);
        Assert.All((await ModelsAsync(project)).Versions, v => Assert.False(v.MeetsTargets));

        var precision = (await ModelsAsync(project)).Targets.Single(t => t.Metric == "precision");
        await app.SendAsync(new RemoveMetricTargetCommand(precision.Id, precision.Version), scientist);

        page = await ModelsAsync(project);
        Assert.Equal([true, false], page.Versions.Select(v => v.MeetsTargets));
        Assert.Equal(2, (await MeetsNoticesAsync(mlEngineer, project)).Count);
        var removed = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ProjectId == project && a.Kind == ActivityKind.MetricTargetRemoved));
        Assert.Equal("precision on the test (hold-out) split ≥ 0.75", removed.From);
    }

    [Fact]
    public async Task A_retired_version_that_newly_meets_the_targets_tells_nobody()
    {
        var (project, splits, scientist, mlEngineer) = await TeamAsync();
        await app.SendAsync(new SetMetricTargetCommand(project, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.9), scientist);
        var retired = await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v1", recall: 0.85), scientist);
        await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v2", recall: 0.84), scientist);
        var seen = await VersionAsync(project, retired, scientist);
        await app.SendAsync(new ChangeModelStageCommand(retired, seen.Version, ModelStage.Retired, "Trained on a leaky split"), scientist);
        var target = Assert.Single((await ModelsAsync(project)).Targets);

        await app.SendAsync(new SetMetricTargetCommand(project, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, target.Version), scientist);

        Assert.All((await ModelsAsync(project)).Versions, v => Assert.True(v.MeetsTargets));
        var notice = Assert.Single(await MeetsNoticesAsync(mlEngineer, project));
        Assert.Contains("Churn model v2", notice.Text, StringComparison.Ordinal);
        Assert.Single(await MeetsNoticesAsync(null, project));
    }

    [Fact]
    public async Task A_target_set_or_changed_from_a_stale_screen_is_a_conflict_and_nothing_changes()
    {
        var (project, _, scientist, _) = await TeamAsync();
        await app.SendAsync(new SetMetricTargetCommand(project, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8), scientist);
        var seen = Assert.Single((await ModelsAsync(project)).Targets);
        await app.SendAsync(new SetMetricTargetCommand(project, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.85, seen.Version));

        // Someone who saw no target, and someone who saw the old one.
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new SetMetricTargetCommand(project, "RECALL", MetricSplit.Test, TargetDirection.AtLeast, 0.5), scientist));
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new SetMetricTargetCommand(project, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.6, seen.Version), scientist));
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new RemoveMetricTargetCommand(seen.Id, seen.Version), scientist));

        Assert.Equal(0.85, Assert.Single((await ModelsAsync(project)).Targets).Threshold);
    }

    [Fact]
    public async Task Two_targets_for_one_metric_spelled_in_different_case_cannot_both_be_saved()
    {
        // What two people adding the same new target at once come to: each saves a target the other has not seen.
        var (project, _, _, _) = await TeamAsync();
        Task<int> AddAsync(string metric) => app.WithDbAsync(db =>
        {
            db.MetricTargets.Add(MetricTarget.Set(project, metric, MetricSplit.Test, TargetDirection.AtLeast, 0.8, app.Lead.AsActor(), DateTimeOffset.UtcNow));
            return db.SaveChangesAsync();
        });
        await AddAsync("Recall");

        var refused = await Assert.ThrowsAsync<ConflictException>(() => AddAsync("recall"));

        Assert.StartsWith("Someone else set a target for that metric and split", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Recall", Assert.Single((await ModelsAsync(project)).Targets).Metric);
        await AddAsync("recall_at_10");
        Assert.Equal(2, (await ModelsAsync(project)).Targets.Count);
    }

    public static TheoryData<string, string> BadModelVersions() => new()
    {
        { "unknown dataset version", "TrainedOn" },
        { "another project's dataset version", "EvaluatedOn" },
        { "same name and label", "Label" },
        { "metric twice on one split", "Metrics" },
        { "NaN value", "Metrics[0].Value" },
        { "infinite value", "Metrics[1].Value" },
        { "overlong name", "Name" },
        { "too many metrics", "Metrics" },
        { "another project's experiment", "ExperimentId" },
        { "an experiment named and chosen", "ExperimentName" },
    };

    [Theory]
    [MemberData(nameof(BadModelVersions))]
    public async Task A_bad_model_version_is_refused_with_a_message_on_its_field_and_nothing_is_saved(string bad, string field)
    {
        var (project, splits, scientist, _) = await TeamAsync();
        await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v1", recall: 0.8), scientist);
        var elsewhere = await app.CreateProjectAsync(withEvidence: false);
        var foreign = await app.AddSplitsAsync(elsewhere.Id);
        var foreignExperiment = await app.SendAsync(new StartExperimentCommand(elsewhere.Id, "Elsewhere"));
        var good = ModelScenario.ModelVersion(project, splits, "v2", recall: 0.8);
        var command = bad switch
        {
            "unknown dataset version" => good with { TrainedOn = [Guid.NewGuid()] },
            "another project's dataset version" => good with { EvaluatedOn = [foreign.TestId] },
            "same name and label" => good with { Label = "v1" },
            "metric twice on one split" => good with { Metrics = [new MetricInput("AUC", MetricSplit.Test, 0.8), new MetricInput("auc ", MetricSplit.Test, 0.7)] },
            "NaN value" => good with { Metrics = [new MetricInput("auc", MetricSplit.Test, double.NaN)] },
            "infinite value" => good with { Metrics = [new MetricInput("auc", MetricSplit.Test, 0.8), new MetricInput("loss", MetricSplit.Test, double.PositiveInfinity)] },
            "overlong name" => good with { Name = new string('m', Limits.DatasetName + 1) },
            "too many metrics" => good with { Metrics = [.. Enumerable.Range(0, Limits.Metrics + 1).Select(i => new MetricInput($"m{i}", MetricSplit.Test, i))] },
            "another project's experiment" => good with { ExperimentId = foreignExperiment },
            "an experiment named and chosen" => good with { ExperimentId = foreignExperiment, ExperimentName = "Elsewhere" },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var before = await CountsAsync(project);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(command, scientist));

        Assert.Contains(field, refused.Errors.Keys);
        Assert.All(refused.Errors[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
        Assert.Equal(before, await CountsAsync(project));
    }

    [Fact]
    public async Task A_version_registered_with_an_experiment_name_starts_the_experiment_once_and_joins_it_after()
    {
        var (project, splits, scientist, _) = await TeamAsync();

        var first = await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v1", recall: 0.7) with { ExperimentName = " Boosted trees " }, scientist);
        var second = await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v2", recall: 0.8) with { ExperimentName = "Boosted trees" }, scientist);

        var experiment = Assert.Single((await ModelsAsync(project)).Experiments);
        Assert.Equal("Boosted trees", experiment.Name);
        Assert.Equal("Gradient boosting", experiment.Approach);
        Assert.Equal(2, experiment.ModelVersions);
        Assert.Equal("Boosted trees", (await VersionAsync(project, first, scientist)).Experiment);
        Assert.Equal("Boosted trees", (await VersionAsync(project, second, scientist)).Experiment);
        Assert.Equal(1, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == project && a.Kind == ActivityKind.ExperimentCreated)));
    }

    [Fact]
    public async Task Bad_targets_and_experiments_are_refused_with_a_message_and_nothing_is_saved()
    {
        var (project, _, scientist, _) = await TeamAsync();
        var before = await CountsAsync(project);

        var nan = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new SetMetricTargetCommand(project, "recall", MetricSplit.Test, TargetDirection.AtLeast, double.NaN), scientist));
        var longMetric = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new SetMetricTargetCommand(project, new string('r', Limits.MetricName + 1), MetricSplit.Test, TargetDirection.AtLeast, 1), scientist));
        var direction = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new SetMetricTargetCommand(project, "recall", MetricSplit.Test, (TargetDirection)9, 1), scientist));
        var hypothesis = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new StartExperimentCommand(project, "Try", new string('h', Limits.Hypothesis + 1)), scientist));

        Assert.Contains("Threshold", nan.Errors.Keys);
        Assert.Contains("Metric", longMetric.Errors.Keys);
        Assert.Contains("Direction", direction.Errors.Keys);
        Assert.Contains("Hypothesis", hypothesis.Errors.Keys);
        Assert.Equal(before, await CountsAsync(project));
    }

    [Fact]
    public async Task Stages_move_as_the_lifecycle_allows_and_only_the_deployers_mark_a_version_in_production()
    {
        var (project, splits, scientist, mlEngineer) = await TeamAsync();
        var experiment = await app.SendAsync(new StartExperimentCommand(project, "Boosted trees", "Tenure and support calls predict churn", "XGBoost"), scientist);
        var id = await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v1", recall: 0.8) with { ExperimentId = experiment }, scientist);
        var v1 = await VersionAsync(project, id, scientist);
        Assert.Equal([ModelStage.Approved, ModelStage.Retired], v1.NextStages);
        Assert.Equal("Boosted trees", v1.Experiment);

        await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new ChangeModelStageCommand(id, v1.Version, ModelStage.InProduction, "skip"), mlEngineer));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new ChangeModelStageCommand(id, v1.Version, ModelStage.Approved, " "), scientist));
        var notRegistrar = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ChangeModelStageCommand(id, v1.Version, ModelStage.Approved, "good"), mlEngineer));
        Assert.Equal("Only a data scientist or the team lead can change a model version's stage.", notRegistrar.Message);
        await app.SendAsync(new ChangeModelStageCommand(id, v1.Version, ModelStage.Approved, "Beats the baseline"), scientist);

        var approved = await VersionAsync(project, id, scientist);
        Assert.Equal([ModelStage.Candidate, ModelStage.Retired], approved.NextStages);
        Assert.Equal([ModelStage.InProduction, ModelStage.Candidate, ModelStage.Retired], (await VersionAsync(project, id, null)).NextStages);
        Assert.Equal([ModelStage.InProduction], (await VersionAsync(project, id, mlEngineer)).NextStages);
        var notDeployer = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ChangeModelStageCommand(id, approved.Version, ModelStage.InProduction, "ship"), scientist));
        Assert.Equal("Only an ML engineer or the team lead can mark a model version deployed.", notDeployer.Message);
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new ChangeModelStageCommand(id, v1.Version, ModelStage.Retired, "stale"), scientist));
        await app.SendAsync(new ChangeModelStageCommand(id, approved.Version, ModelStage.InProduction, "Shipped to scoring"), mlEngineer);

        Assert.Equal(ModelStage.InProduction, (await VersionAsync(project, id, null)).Stage);
        var moves = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == project && a.Kind == ActivityKind.ModelStageChanged).OrderBy(a => a.At).ToListAsync());
        Assert.Equal(["Approved", "In production"], moves.Select(m => m.To));
        Assert.Equal("Shipped to scoring", moves[1].Reason);
        Assert.Equal(1, Assert.Single((await ModelsAsync(project)).Experiments).ModelVersions);
    }

    [Fact]
    public async Task The_models_page_shows_each_metric_across_versions_with_its_target_in_six_sql_round_trips()
    {
        var (project, splits, scientist, _) = await TeamAsync();
        await app.SendAsync(new SetMetricTargetCommand(project, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8), scientist);
        await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v1", recall: 0.7), scientist);
        await app.SendAsync(ModelScenario.ModelVersion(project, splits, "v2", recall: 0.85) with { Metrics = [new MetricInput("recall", MetricSplit.Test, 0.85)] }, scientist);
        var key = await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project).Select(p => p.Key).SingleAsync());
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;

        using var counter = new SqlCommandCounter(database);
        var page = await app.SendAsync(new ProjectModelsQuery(key), scientist);

        // The caller, the project with the caller's roles, then targets, experiments, model versions, dataset versions.
        Assert.Equal(6, counter.Commands.Count);
        Assert.True(page.CanRegister);
        Assert.Equal(["Churn model v2", "Churn model v1"], page.Versions.Select(v => v.DisplayName));
        var recall = page.Series.First();
        Assert.Equal(("recall", MetricSplit.Test, 0.8), (recall.Metric, recall.Split, recall.Target!.Threshold));
        Assert.Equal([("Churn model v1", (double?)0.7), ("Churn model v2", 0.85)], recall.Points.Select(p => (p.Version, p.Value)));
        Assert.Equal([TargetResult.NotMet, TargetResult.Met], recall.Points.Select(p => p.Result));
        var precision = page.Series.Single(s => s.Metric == "precision");
        Assert.Null(precision.Target);
        Assert.Equal([0.7, null], precision.Points.Select(p => p.Value));
        Assert.All(precision.Points, p => Assert.Null(p.Result));
        Assert.Equal(3, page.DatasetVersions.Count);
        Assert.False((await app.SendAsync(new ProjectModelsQuery(key), await app.CreateMemberAsync(project, "Vera Viewer", ProjectRole.Viewer))).CanRegister);
    }

    [Fact]
    public async Task The_portfolio_counts_the_projects_with_a_version_meeting_its_targets_in_the_callers_scope()
    {
        var (lea, leaSplits, _, _) = await TeamAsync();
        await app.SendAsync(new SetMetricTargetCommand(lea, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8));
        await app.SendAsync(ModelScenario.ModelVersion(lea, leaSplits, "v1", recall: 0.9));
        await app.SendAsync(ModelScenario.ModelVersion(lea, leaSplits, "v2", recall: 0.95));
        var tom = await app.CreatePersonAsync("Tom Other", SystemRole.TeamLead);
        var own = await app.SendAsync(new CreateProjectCommand { Name = "Tom's own", Key = Keys.Next("T"), TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90) }, tom);
        var ownSplits = await app.AddSplitsAsync(own.Id);
        await app.SendAsync(new SetMetricTargetCommand(own.Id, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8), tom);
        await app.SendAsync(ModelScenario.ModelVersion(own.Id, ownSplits, "v1", recall: 0.5), tom);
        var viewer = await app.CreatePersonAsync("Vic Viewer", SystemRole.Viewer);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all();"));
        var before = (await app.SendAsync(new PortfolioQuery(new DashboardFilter()), viewer)).MeetingTargets;

        Assert.Equal(0, (await app.SendAsync(new PortfolioQuery(new DashboardFilter()), tom)).MeetingTargets);
        var passing = await app.SendAsync(ModelScenario.ModelVersion(own.Id, ownSplits, "v2", recall: 0.85), tom);

        Assert.Equal(1, (await app.SendAsync(new PortfolioQuery(new DashboardFilter()), tom)).MeetingTargets);
        var whole = await app.SendAsync(new PortfolioQuery(new DashboardFilter()), viewer);
        Assert.Equal(before + 1, whole.MeetingTargets);
        Assert.True(whole.MeetingTargets >= 2);
        Assert.Equal(1, (await app.SendAsync(new PortfolioQuery(new DashboardFilter(LeadId: tom.Id)), viewer)).MeetingTargets);

        // Its only passing version retired, and one that passes but was never judged on the hold-out split: the gate
        // would not count the project, nor does the dashboard.
        var seen = await VersionAsync(own.Id, passing, tom);
        await app.SendAsync(new ChangeModelStageCommand(passing, seen.Version, ModelStage.Retired, "Superseded"), tom);
        var notOnHoldOut = await app.SendAsync(ModelScenario.ModelVersion(own.Id, ownSplits, "v3", recall: 0.9) with { EvaluatedOn = [ownSplits.TrainId] }, tom);
        Assert.True((await VersionAsync(own.Id, notOnHoldOut, tom)).MeetsTargets);

        Assert.Equal(0, (await app.SendAsync(new PortfolioQuery(new DashboardFilter()), tom)).MeetingTargets);
        Assert.Equal(before, (await app.SendAsync(new PortfolioQuery(new DashboardFilter()), viewer)).MeetingTargets);
    }

    private async Task<(Guid Project, Splits Splits, TestPerson Scientist, TestPerson MLEngineer)> TeamAsync()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var scientist = await app.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        var mlEngineer = await app.CreateMemberAsync(board.Id, "Milo Ops", ProjectRole.MLEngineer);
        return (board.Id, await app.AddSplitsAsync(board.Id), scientist, mlEngineer);
    }

    private async Task<ProjectModelsDto> ModelsAsync(Guid project)
    {
        return await app.SendAsync(new ProjectModelsQuery(await KeyAsync(project)));
    }

    private async Task<ModelVersionRow> VersionAsync(Guid project, Guid id, TestPerson? caller)
    {
        var key = await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project).Select(p => p.Key).SingleAsync());
        return (await app.SendAsync(new ProjectModelsQuery(key), caller)).Versions.Single(v => v.Id == id);
    }

    /// <summary>The person's "meets all targets" notices about this project (the lead leads every test's project).</summary>
    private async Task<List<NotificationItem>> MeetsNoticesAsync(TestPerson? person, Guid project)
    {
        var link = Links.Models(await KeyAsync(project));
        return [.. (await app.SendAsync(new MyNotificationsQuery(), person)).Items.Where(n => n.Kind == NotificationKind.ModelMeetsTargets && n.Link == link)];
    }

    private Task<string> KeyAsync(Guid project) => app.WithDbAsync(db => db.Projects.Where(p => p.Id == project).Select(p => p.Key).SingleAsync());

    private Task<(int Models, int Targets, int Experiments, int Activity)> CountsAsync(Guid project) => app.WithDbAsync(async db => (
        await db.ModelVersions.CountAsync(m => m.ProjectId == project),
        await db.MetricTargets.CountAsync(t => t.ProjectId == project),
        await db.Experiments.CountAsync(e => e.ProjectId == project),
        await db.Activity.CountAsync(a => a.ProjectId == project)));
}

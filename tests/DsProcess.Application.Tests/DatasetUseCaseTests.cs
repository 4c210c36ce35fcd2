using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Evidence.Datasets;
using DsProcess.Application.Evidence.Datasets.Commands.CreateDataset;
using DsProcess.Application.Evidence.Datasets.Commands.RecordDatasetQuality;
using DsProcess.Application.Evidence.Datasets.Commands.RegisterDatasetVersion;
using DsProcess.Application.Evidence.Datasets.Queries.ProjectData;
using DsProcess.Application.Evidence.Lineage.Queries.ProjectLineage;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DsProcess.Application.Tests;

public sealed class DatasetUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DatasetQualityInput Governed = new()
    {
        Checks = [new QualityCheck("no null customer ids", true, 0), new QualityCheck("dates in range", true, null)],
        PiiRemoved = true,
        PiiMethod = "e-mail and phone dropped, names hashed",
        ProfileLink = "https://profiles.example/churn/silver-v1",
        AccessGrantedTo = [ProjectRole.DataScientist, ProjectRole.DataEngineer],
    };

    [Fact]
    public async Task A_data_engineer_registers_bronze_then_governed_silver_and_the_data_page_shows_the_chain()
    {
        var (board, engineer) = await ProjectAsync();
        var task = board.Tasks.Single(t => t.Title == "Data preprocessing");

        var raw = await CreateAsync(board, "Raw events", DataLayer.Bronze, DatasetPurpose.Source, engineer);
        var curated = await CreateAsync(board, "Customer events", DataLayer.Silver, DatasetPurpose.Curated, engineer);
        var bronze = await app.SendAsync(Version(raw, "v1"), engineer);
        var silver = await app.SendAsync(Version(curated, "v1", bronze) with { ProducedByTaskId = task.Id, Quality = Governed }, engineer);

        var data = await app.SendAsync(new ProjectDataQuery(board.Key), engineer);
        Assert.True(data.CanRegister);
        Assert.Equal(["Raw events", "Customer events"], data.Datasets.Select(d => d.Name));
        var silverRow = data.FindVersion(silver)!;
        Assert.True(silverRow.IsGoverned);
        Assert.Equal(["Raw events v1"], silverRow.Parents);
        Assert.Equal("Data preprocessing", silverRow.ProducedByTaskTitle);
        Assert.Equal(2, silverRow.Checks.Count);
        Assert.False(data.FindVersion(bronze)!.IsGoverned);
        Assert.Contains(data.DataTasks, t => t.Id == task.Id);
        var kinds = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id).Select(a => a.Kind).ToListAsync());
        Assert.Equal(2, kinds.Count(k => k == ActivityKind.DatasetCreated));
        Assert.Equal(2, kinds.Count(k => k == ActivityKind.DatasetVersionRegistered));
        Assert.Equal(1, kinds.Count(k => k == ActivityKind.DatasetQualityRecorded));
        var silverEntry = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.DatasetVersionRegistered && a.Subject == "Customer events v1"));
        Assert.Equal("Raw events v1", silverEntry.From);
    }

    [Fact]
    public async Task Versions_are_listed_newest_first()
    {
        var (board, engineer) = await ProjectAsync();
        var raw = await CreateAsync(board, "Raw", DataLayer.Bronze, DatasetPurpose.Source, engineer);
        foreach (var label in new[] { "v1", "v2", "v3" })
        {
            await app.SendAsync(Version(raw, label), engineer);
        }

        var data = await app.SendAsync(new ProjectDataQuery(board.Key), engineer);

        Assert.Equal(["v3", "v2", "v1"], data.Datasets.Single().Versions.Select(v => v.Label));
    }

    [Fact]
    public async Task A_dataset_is_not_found_under_another_projects_address()
    {
        var (board, engineer) = await ProjectAsync();
        var other = await app.CreateProjectAsync();
        var raw = await CreateAsync(board, "Raw", DataLayer.Bronze, DatasetPurpose.Source, engineer);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Version(raw, "v1") with { ProjectId = other.Id }));
        await app.SendAsync(Version(raw, "v1") with { ProjectId = board.Id }, engineer);

        Assert.Equal(["v1"], (await app.SendAsync(new ProjectDataQuery(board.Key), engineer)).Datasets.Single().Versions.Select(v => v.Label));
    }

    public enum Bad
    {
        UnknownParent,
        ParentOfAnotherProject,
        ParentOfAHigherLayer,
        SplitWithoutCuratedParent,
        DuplicateLabel,
        OverlongLabel,
        LocationNotAnAddress,
        TooManyChecks,
        PiiRemovedWithoutHow,
        TaskOfAnotherProject,
        TaskThatProducesNoData,
    }

    public static TheoryData<Bad> BadVersions() => [.. Enum.GetValues<Bad>()];

    [Theory]
    [MemberData(nameof(BadVersions))]
    public async Task A_bad_version_is_refused_with_a_message_and_nothing_is_saved(Bad bad)
    {
        var (board, engineer) = await ProjectAsync();
        var other = await app.CreateProjectAsync(withEvidence: false);
        var gold = await CreateAsync(board, "Churn mart", DataLayer.Gold, DatasetPurpose.Features, engineer);
        var goldV1 = await app.SendAsync(Version(gold, "v1"), engineer);
        var silver = await CreateAsync(board, "Customers", DataLayer.Silver, DatasetPurpose.Curated, engineer);
        var split = await CreateAsync(board, "Train", DataLayer.Silver, DatasetPurpose.TrainingSplit, engineer);
        var silverV1 = await app.SendAsync(Version(silver, "v1"), engineer);
        var foreign = await app.SendAsync(Version(await CreateAsync(other, "Theirs", DataLayer.Bronze, DatasetPurpose.Source), "v1"));
        var before = await CountsAsync();

        RegisterDatasetVersionCommand command = bad switch
        {
            Bad.UnknownParent => Version(silver, "v2", Guid.NewGuid()),
            Bad.ParentOfAnotherProject => Version(silver, "v2", foreign),
            Bad.ParentOfAHigherLayer => Version(silver, "v2", goldV1),
            Bad.SplitWithoutCuratedParent => Version(split, "v1"),
            Bad.DuplicateLabel => Version(silver, "v1"),
            Bad.OverlongLabel => Version(silver, new string('v', Limits.VersionLabel + 1)),
            Bad.LocationNotAnAddress => Version(silver, "v2") with { Location = "just a folder name" },
            Bad.TooManyChecks => Version(silver, "v2") with { Quality = Governed with { Checks = [.. Enumerable.Range(0, Limits.QualityChecks + 1).Select(i => new QualityCheck($"check {i}", true, 0))] } },
            Bad.PiiRemovedWithoutHow => Version(silver, "v2") with { Quality = Governed with { PiiMethod = " " } },
            Bad.TaskOfAnotherProject => Version(silver, "v2") with { ProducedByTaskId = other.Tasks.First().Id },
            Bad.TaskThatProducesNoData => Version(silver, "v2") with
            {
                ProducedByTaskId = board.Phases.First(p => p.Kind != PhaseKind.DataDevelopment).Tasks.First(t => t.ResponsibleRole != ProjectRole.DataEngineer).Id,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var error = await Record.ExceptionAsync(() => app.SendAsync(command, engineer));

        var message = error switch
        {
            ValidationException v => string.Join(" ", v.Errors.SelectMany(e => e.Value)),
            DomainRuleException d => d.Message,
            _ => throw new InvalidOperationException($"Expected a refusal, got {error?.GetType().Name ?? "success"}.", error),
        };
        var expected = bad switch
        {
            Bad.UnknownParent or Bad.ParentOfAnotherProject => "not found in this project",
            Bad.ParentOfAHigherLayer => "Bronze → Silver → Gold",
            Bad.SplitWithoutCuratedParent => "split",
            Bad.DuplicateLabel => "already has a version with that label",
            Bad.OverlongLabel => $"at most {Limits.VersionLabel}",
            Bad.LocationNotAnAddress => "full address",
            Bad.TooManyChecks => $"at most {Limits.QualityChecks}",
            Bad.PiiRemovedWithoutHow => "how personal data was removed",
            Bad.TaskThatProducesNoData => "does not produce data",
            _ => "task was not found",
        };
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(silverV1, (await app.SendAsync(new ProjectDataQuery(board.Key), engineer)).Datasets.Single(d => d.Name == "Customers").Versions.Single().Id);
    }

    [Fact]
    public async Task A_duplicate_or_overlong_dataset_name_is_refused_and_nothing_is_saved()
    {
        var (board, engineer) = await ProjectAsync();
        await CreateAsync(board, "Raw events", DataLayer.Bronze, DatasetPurpose.Source, engineer);
        var before = await CountsAsync();

        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => CreateAsync(board, "Raw events", DataLayer.Silver, DatasetPurpose.Curated, engineer));
        var overlong = await Assert.ThrowsAsync<ValidationException>(() => CreateAsync(board, new string('n', Limits.DatasetName + 1), DataLayer.Bronze, DatasetPurpose.Source, engineer));
        var noLayer = await Assert.ThrowsAsync<ValidationException>(() => CreateAsync(board, "Layerless", 0, DatasetPurpose.Source, engineer));

        Assert.Equal(["This project already has a dataset with that name."], duplicate.Errors["Name"]);
        Assert.Contains($"at most {Limits.DatasetName}", overlong.Errors["Name"][0], StringComparison.Ordinal);
        Assert.True(noLayer.Errors.ContainsKey("Layer"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Recording_quality_replaces_the_facts_and_a_stale_screen_gets_a_conflict()
    {
        var (board, engineer) = await ProjectAsync();
        var silver = await CreateAsync(board, "Customers", DataLayer.Silver, DatasetPurpose.Curated, engineer);
        var id = await app.SendAsync(Version(silver, "v1") with { Quality = Governed }, engineer);
        var seen = (await app.SendAsync(new ProjectDataQuery(board.Key), engineer)).FindVersion(id)!;

        using (var counter = new SqlCommandCounter(new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!))
        {
            await app.SendAsync(new RecordDatasetQualityCommand(id, seen.Version, Governed with { Checks = [new QualityCheck("dates in range", false, 12)] }), engineer);
            // The caller, the version with its dataset's name, the caller's roles in the project, the update.
            Assert.Equal(4, counter.Commands.Count);
        }

        var stale = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new RecordDatasetQualityCommand(id, seen.Version, Governed), engineer));

        var after = (await app.SendAsync(new ProjectDataQuery(board.Key), engineer)).FindVersion(id)!;
        Assert.False(after.IsGoverned);
        Assert.Equal(12, Assert.Single(after.Checks).FailingRows);
        Assert.NotNull(stale.Message);
        Assert.Equal(2, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.DatasetQualityRecorded)));
    }

    [Fact]
    public async Task A_viewer_reads_the_data_page_without_the_right_to_register()
    {
        var (board, _) = await ProjectAsync();
        var viewer = await app.CreateMemberAsync(board.Id, "Vera Viewer", ProjectRole.Viewer);
        var ml = await app.CreateMemberAsync(board.Id, "Mo Ops", ProjectRole.MLEngineer);

        Assert.False((await app.SendAsync(new ProjectDataQuery(board.Key), viewer)).CanRegister);
        Assert.False((await app.SendAsync(new ProjectDataQuery(board.Key), ml)).CanRegister);
        Assert.True((await app.SendAsync(new ProjectDataQuery(board.Key))).CanRegister);
    }

    [Fact]
    public async Task The_lineage_answers_what_a_model_is_built_on_and_which_models_a_version_affects()
    {
        var (board, engineer) = await ProjectAsync();
        var raw = await app.SendAsync(Version(await CreateAsync(board, "Raw", DataLayer.Bronze, DatasetPurpose.Source, engineer), "v1"), engineer);
        var curated = await app.SendAsync(Version(await CreateAsync(board, "Curated", DataLayer.Silver, DatasetPurpose.Curated, engineer), "v1", raw), engineer);
        var train = await app.SendAsync(Version(await CreateAsync(board, "Train", DataLayer.Silver, DatasetPurpose.TrainingSplit, engineer), "v1", curated), engineer);
        var test = await app.SendAsync(Version(await CreateAsync(board, "Test", DataLayer.Silver, DatasetPurpose.TestSplit, engineer), "v1", curated), engineer);
        var unrelated = await app.SendAsync(Version(await CreateAsync(board, "Weather", DataLayer.Bronze, DatasetPurpose.Source, engineer), "v1"), engineer);
        var features = await app.SendAsync(Version(await CreateAsync(board, "Features", DataLayer.Gold, DatasetPurpose.Features, engineer), "v1", curated), engineer);
        var model = await AddModelAsync(board.Id, "churn-gbm", "v1", [train], [test]);

        var lineage = await app.SendAsync(new ProjectLineageQuery(board.Key), engineer);

        Assert.Equal(new[] { raw, unrelated }.Order(), lineage.In(LineageColumn.Bronze).Select(n => n.Id).Order());
        Assert.Equal(3, lineage.In(LineageColumn.Silver).Count());
        Assert.Equal(features, Assert.Single(lineage.In(LineageColumn.Gold)).Id);
        Assert.Equal(model, Assert.Single(lineage.In(LineageColumn.Models)).Id);
        Assert.Contains(new LineageEdge(train, model, LineageEdgeKind.TrainedOn), lineage.Edges);
        Assert.Contains(new LineageEdge(test, model, LineageEdgeKind.EvaluatedOn), lineage.Edges);
        Assert.Contains(new LineageEdge(raw, curated, LineageEdgeKind.DerivedFrom), lineage.Edges);
        Assert.Equal(new[] { raw, curated, train, test }.Order(), lineage.Upstream(model).Order());
        Assert.Equal(new[] { curated, train, test, features, model }.Order(), lineage.Downstream(raw).Order());
        Assert.Empty(lineage.Downstream(unrelated));
        Assert.True(lineage.Find(model)!.EvaluatedOnHoldOut);
    }

    [Fact]
    public async Task The_data_and_lineage_pages_each_load_in_three_sql_round_trips()
    {
        var (board, engineer) = await ProjectAsync();
        var raw = await app.SendAsync(Version(await CreateAsync(board, "Raw", DataLayer.Bronze, DatasetPurpose.Source, engineer), "v1"), engineer);
        var curated = await app.SendAsync(Version(await CreateAsync(board, "Curated", DataLayer.Silver, DatasetPurpose.Curated, engineer), "v1", raw) with { Quality = Governed }, engineer);
        await AddModelAsync(board.Id, "churn-gbm", "v1", [curated], []);
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;

        using (var counter = new SqlCommandCounter(database))
        {
            var data = await app.SendAsync(new ProjectDataQuery(board.Key), engineer);
            Assert.Equal(2, data.Versions.Count());
            // One identifies the caller (fresh, so a disabled account is refused at once), one reads the project with its
            // tasks, one its datasets with their versions.
            Assert.Equal(3, counter.Commands.Count);
        }

        using (var counter = new SqlCommandCounter(database))
        {
            var lineage = await app.SendAsync(new ProjectLineageQuery(board.Key), engineer);
            Assert.Equal(3, lineage.Nodes.Count);
            // The caller, the project with its dataset versions, its model versions.
            Assert.Equal(3, counter.Commands.Count);
        }
    }

    [Fact]
    public async Task Someone_off_the_team_neither_reads_nor_registers()
    {
        var (board, engineer) = await ProjectAsync();
        var raw = await CreateAsync(board, "Raw", DataLayer.Bronze, DatasetPurpose.Source, engineer);
        var elsewhere = await app.CreateProjectAsync(withEvidence: false);
        var outsider = await app.CreateMemberAsync(elsewhere.Id, "Olga Outsider", ProjectRole.DataEngineer);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ProjectDataQuery(board.Key), outsider));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ProjectLineageQuery(board.Key), outsider));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(Version(raw, "v1"), outsider));
        Assert.Empty((await app.SendAsync(new ProjectDataQuery(board.Key))).Versions);
    }

    private async Task<(ProjectBoardDto Board, TestPerson Engineer)> ProjectAsync()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var engineer = await app.CreateMemberAsync(board.Id, "Dana Engineer", ProjectRole.DataEngineer);
        return (board, engineer);
    }

    private Task<Guid> CreateAsync(ProjectBoardDto board, string name, DataLayer layer, DatasetPurpose purpose, TestPerson? by = null) =>
        app.SendAsync(new CreateDatasetCommand { ProjectId = board.Id, Name = name, Layer = layer, Purpose = purpose }, by);

    private static RegisterDatasetVersionCommand Version(Guid dataset, string label, params Guid[] parents) => new()
    {
        DatasetId = dataset,
        Label = label,
        Location = $"s3://lake/{dataset:N}/{label}",
        Format = "Parquet",
        Rows = 1000,
        SizeBytes = 4096,
        Checksum = "sha256:00",
        DerivedFrom = parents,
    };

    /// <summary>Model versions are registered by their own use case; here they are written directly, as the lineage only reads them.</summary>
    private Task<Guid> AddModelAsync(Guid projectId, string name, string label, Guid[] trainedOn, Guid[] evaluatedOn) =>
        app.WithDbAsync(async db =>
        {
            var train = await db.DatasetVersions.Where(v => trainedOn.Contains(v.Id)).ToListAsync();
            var eval = await db.DatasetVersions.Where(v => evaluatedOn.Contains(v.Id)).ToListAsync();
            var model = ModelVersion.Register(projectId, null, new ModelVersionFacts(name, label, "gradient boosting", null, null), train, eval, [], app.Lead.AsActor(), DateTimeOffset.UtcNow);
            db.ModelVersions.Add(model);
            await db.SaveChangesAsync();
            return model.Id;
        });

    private Task<(int Datasets, int Versions, int Activity)> CountsAsync() =>
        app.WithDbAsync(async db => (await db.Datasets.CountAsync(), await db.DatasetVersions.CountAsync(), await db.Activity.CountAsync()));
}

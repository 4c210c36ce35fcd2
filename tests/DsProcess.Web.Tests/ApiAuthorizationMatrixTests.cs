using System.Globalization;
using DsProcess.Application.Projects.Commands.PutProjectOnHold;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Teams.Commands.AddMember;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Integration;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Web.Tests;

/// <summary>
/// Every API endpoint called by every kind of caller, personal tokens and project service tokens alike: the allowed
/// ones succeed, the others get 403 (401 without a token), with a problem body and nothing changed.
/// </summary>
public sealed class ApiAuthorizationMatrixTests(AppFixture app) : IClassFixture<AppFixture>
{
    public enum Caller
    {
        Admin,
        Lead,
        DataEngineer,
        DataScientist,
        MLEngineer,
        ProjectViewer,
        SystemViewer,
        Outsider,
        ReadOnlyScientist,
        ServiceScientist,
        ServiceEngineer,
        ServiceViewer,
        OtherProjectService,
        Anonymous,
    }

    private static readonly Caller[] Everyone = [.. Enum.GetValues<Caller>().Where(c => c != Caller.Anonymous)];
    private static readonly Caller[] Readers = [.. Everyone.Where(c => c is not (Caller.Outsider or Caller.OtherProjectService))];
    private static readonly Caller[] DataRegistrars = [Caller.Lead, Caller.DataEngineer, Caller.DataScientist, Caller.ServiceScientist, Caller.ServiceEngineer];
    private static readonly Caller[] ModelRegistrars = [Caller.Lead, Caller.DataScientist, Caller.ServiceScientist];
    private static readonly Caller[] Operators = [Caller.Lead, Caller.MLEngineer];
    private static readonly Caller[] Planners = [Caller.Lead];

    /// <summary>The endpoints that need the project on hold to succeed.</summary>
    private static readonly HashSet<string> OnHold = ["POST /api/v1/projects/{key}/resume"];

    /// <summary>Each endpoint (method and route as mapped), the call in a world, who may make it and what success answers.</summary>
    private static readonly Dictionary<string, (Func<World, Call> Build, Caller[] Allowed, int Success)> Reads = new()
    {
        ["GET /api/v1/projects/"] = (_ => new("GET", "/api/v1/projects"), Everyone, 200),
        ["GET /api/v1/projects/{key}"] = (w => new("GET", w.Project), Readers, 200),
        ["GET /api/v1/projects/{key}/settings"] = (w => new("GET", $"{w.Project}/settings"), Readers, 200),
        ["GET /api/v1/projects/{key}/replan-preview"] = (w => new("GET", $"{w.Project}/replan-preview?targetDate={w.NewTargetDate}"), Planners, 200),
        ["GET /api/v1/projects/{key}/tasks/"] = (w => new("GET", $"{w.Project}/tasks"), Readers, 200),
        ["GET /api/v1/projects/{key}/tasks/{taskId:guid}"] = (w => new("GET", $"{w.Project}/tasks/{w.Task("Data collection").Id}"), Readers, 200),
        ["GET /api/v1/projects/{key}/datasets"] = (w => new("GET", $"{w.Project}/datasets"), Readers, 200),
        ["GET /api/v1/projects/{key}/datasets/{datasetId:guid}"] = (w => new("GET", $"{w.Project}/datasets/{w.DatasetId}"), Readers, 200),
        ["GET /api/v1/projects/{key}/datasets/{datasetId:guid}/versions"] = (w => new("GET", $"{w.Project}/datasets/{w.DatasetId}/versions"), Readers, 200),
        ["GET /api/v1/projects/{key}/dataset-versions/{versionId:guid}"] = (w => new("GET", $"{w.Project}/dataset-versions/{w.DatasetVersionId}"), Readers, 200),
        ["GET /api/v1/projects/{key}/model-versions"] = (w => new("GET", $"{w.Project}/model-versions"), Readers, 200),
        ["GET /api/v1/projects/{key}/model-versions/{versionId:guid}"] = (w => new("GET", $"{w.Project}/model-versions/{w.ModelVersionId}"), Readers, 200),
        ["GET /api/v1/projects/{key}/experiments"] = (w => new("GET", $"{w.Project}/experiments"), Readers, 200),
        ["GET /api/v1/projects/{key}/metric-targets"] = (w => new("GET", $"{w.Project}/metric-targets"), Readers, 200),
        ["GET /api/v1/projects/{key}/gates/"] = (w => new("GET", $"{w.Project}/gates"), Readers, 200),
        ["GET /api/v1/projects/{key}/gates/{phase}"] = (w => new("GET", $"{w.Project}/gates/ModelDevelopment"), Readers, 200),
        ["GET /api/v1/projects/{key}/activity"] = (w => new("GET", $"{w.Project}/activity?limit=5"), Readers, 200),
        ["GET /api/v1/projects/{key}/operations"] = (w => new("GET", $"{w.Project}/operations"), Readers, 200),
        ["GET /api/v1/projects/{key}/deployments"] = (w => new("GET", $"{w.Project}/deployments"), Readers, 200),
        ["GET /api/v1/projects/{key}/monitors"] = (w => new("GET", $"{w.Project}/monitors"), Readers, 200),
        ["GET /api/v1/projects/{key}/alerts"] = (w => new("GET", $"{w.Project}/alerts"), Readers, 200),
    };

    private static readonly Dictionary<string, (Func<World, Call> Build, Caller[] Allowed, int Success)> Changes = new()
    {
        ["PATCH /api/v1/projects/{key}"] = (w => new("PATCH", w.Project, new { name = "Renamed" }, w.ProjectETag), Planners, 200),
        ["POST /api/v1/projects/{key}/replan"] = (w => new("POST", $"{w.Project}/replan", new { targetDate = w.NewTargetDate }, w.ProjectETag), Planners, 200),
        ["POST /api/v1/projects/{key}/hold"] = (w => new("POST", $"{w.Project}/hold", new { reason = "Budget review" }, w.ProjectETag), Planners, 200),
        ["POST /api/v1/projects/{key}/resume"] = (w => new("POST", $"{w.Project}/resume", IfMatch: w.ProjectETag), Planners, 200),
        ["POST /api/v1/projects/{key}/cancel"] = (w => new("POST", $"{w.Project}/cancel", new { reason = "Budget cut" }, w.ProjectETag), Planners, 200),
        ["POST /api/v1/projects/{key}/tasks/{taskId:guid}/move"] = (w => new("POST", $"{w.Project}/tasks/{w.Task("Data collection").Id}/move", new { move = "Start" }, $"\"{w.Task("Data collection").Version}\""),
            [Caller.Lead, Caller.DataEngineer, Caller.ServiceEngineer], 200),
        ["PUT /api/v1/projects/{key}/tasks/{taskId:guid}/checklist/{number:int}"] = (w => new("PUT", $"{w.Project}/tasks/{w.Task("Feature engineering").Id}/checklist/1", new { done = true }),
            [Caller.Lead, Caller.DataEngineer, Caller.DataScientist, Caller.ServiceScientist, Caller.ServiceEngineer], 200),
        ["POST /api/v1/projects/{key}/datasets"] = (w => new("POST", $"{w.Project}/datasets", new { name = "raw_clicks", layer = "Bronze", purpose = "Source" }), DataRegistrars, 201),
        ["POST /api/v1/projects/{key}/datasets/{datasetId:guid}/versions"] = (w => new("POST", $"{w.Project}/datasets/{w.DatasetId}/versions", new { label = "v9", location = "s3://lake/v9" }), DataRegistrars, 201),
        ["PUT /api/v1/projects/{key}/dataset-versions/{versionId:guid}/quality"] = (w => new("PUT", $"{w.Project}/dataset-versions/{w.DatasetVersionId}/quality", new { checks = new[] { new { name = "ids unique", passed = true, failingRows = 0 } } }, $"\"{w.DatasetVersionVersion}\""),
            DataRegistrars, 200),
        ["POST /api/v1/projects/{key}/deployments"] = (w => new("POST", $"{w.Project}/deployments", new { modelVersionId = w.ModelVersionId, environment = "Test", endpoint = "https://test.example.com/churn" }), Operators, 201),
        ["POST /api/v1/projects/{key}/pipeline-runs"] = (w => new("POST", $"{w.Project}/pipeline-runs", new { kind = "ML", state = "Succeeded" }), Operators, 200),
        ["POST /api/v1/projects/{key}/monitors"] = (w => new("POST", $"{w.Project}/monitors", new { modelVersionId = w.ModelVersionId, kind = "DataDrift", metric = "psi", direction = "AtMost", threshold = 0.2 }), Operators, 201),
        ["POST /api/v1/projects/{key}/monitors/{monitorId:guid}/signals"] = (w => new("POST", $"{w.Project}/monitors/{w.MonitorId}/signals", new { signals = new[] { new { value = 0.1, at = DateTimeOffset.UtcNow.AddMinutes(-1) } } }), Operators, 200),
        ["POST /api/v1/projects/{key}/model-versions"] = (w => new("POST", $"{w.Project}/model-versions", new { name = "Matrix model", label = "v1", metrics = new[] { new { name = "recall", split = "Test", value = 0.8 } } }), ModelRegistrars, 201),
    };

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AppFixture? _arrangedFor;
    private static Dictionary<Caller, TestPerson> _people = [];
    private static Dictionary<Caller, string> _personalTokens = [];
    private static string _otherProjectToken = "";
    private static World? _readWorld;

    public static TheoryData<string, Caller> ReadMatrix() => MatrixOf(Reads.Keys);

    public static TheoryData<string, Caller> ChangeMatrix() => MatrixOf(Changes.Keys);

    [Fact]
    public void Every_api_endpoint_is_in_the_matrix()
    {
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order();

        Assert.Equal(mapped, Reads.Keys.Concat(Changes.Keys).Order());
    }

    [Theory]
    [MemberData(nameof(ReadMatrix))]
    public async Task Only_the_allowed_callers_read(string endpoint, Caller caller)
    {
        var (build, allowed, success) = Reads[endpoint];
        var world = await ReadWorldAsync();

        await CallAsync(build(world), world, caller, allowed.Contains(caller) ? success : null);
    }

    [Theory]
    [MemberData(nameof(ChangeMatrix))]
    public async Task Only_the_allowed_callers_change_and_a_refusal_changes_nothing(string endpoint, Caller caller)
    {
        var (build, allowed, success) = Changes[endpoint];
        var world = await NewWorldAsync(onHold: OnHold.Contains(endpoint));
        var before = await ActivityAsync(world);

        await CallAsync(build(world), world, caller, allowed.Contains(caller) ? success : null);

        Assert.Equal(allowed.Contains(caller), await ActivityAsync(world) > before);
    }

    private static TheoryData<string, Caller> MatrixOf(IEnumerable<string> endpoints)
    {
        var data = new TheoryData<string, Caller>();
        foreach (var endpoint in endpoints)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                data.Add(endpoint, caller);
            }
        }

        return data;
    }

    private async Task CallAsync(Call call, World world, Caller caller, int? success)
    {
        using var client = caller == Caller.Anonymous ? app.CreateClient() : app.ApiClient(world.Tokens[caller]);

        var response = await client.SendAsync(new HttpMethod(call.Method), call.Path, call.Body, call.IfMatch);

        if (success is { } status)
        {
            await response.ExpectAsync(status);
        }
        else
        {
            await response.ProblemAsync(caller == Caller.Anonymous ? 401 : 403);
        }
    }

    private Task<int> ActivityAsync(World world) => app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == world.Board.Id));

    private async Task<World> ReadWorldAsync()
    {
        await ArrangePeopleAsync();
        return _readWorld ??= await NewWorldAsync();
    }

    /// <summary>A project with evidence (on hold if asked), the people on its team in their roles, and service tokens for it.</summary>
    private async Task<World> NewWorldAsync(bool onHold = false)
    {
        await ArrangePeopleAsync();
        var board = await app.CreateProjectAsync();
        foreach (var (caller, role) in new[] { (Caller.DataEngineer, ProjectRole.DataEngineer), (Caller.DataScientist, ProjectRole.DataScientist), (Caller.MLEngineer, ProjectRole.MLEngineer), (Caller.ProjectViewer, ProjectRole.Viewer) })
        {
            await app.SendAsync(new AddMemberCommand { ProjectId = board.Id, PersonId = _people[caller].Id, Roles = [role] });
        }

        var tokens = new Dictionary<Caller, string>(_personalTokens)
        {
            [Caller.ServiceScientist] = await app.CreateServiceTokenAsync(board.Id, ProjectRole.DataScientist),
            [Caller.ServiceEngineer] = await app.CreateServiceTokenAsync(board.Id, ProjectRole.DataEngineer),
            [Caller.ServiceViewer] = await app.CreateServiceTokenAsync(board.Id, ProjectRole.Viewer),
            [Caller.OtherProjectService] = _otherProjectToken,
        };
        var dataset = await app.WithDbAsync(db => db.DatasetVersions.Where(v => v.ProjectId == board.Id && v.Purpose == DatasetPurpose.Curated)
            .Select(v => new { v.Id, v.DatasetId, v.Version }).FirstAsync());
        var model = await app.WithDbAsync(db => db.ModelVersions.Where(m => m.ProjectId == board.Id).Select(m => m.Id).FirstAsync());
        // Deployed with a monitor (accuracy at least 0.8) that a signal of 0.1 breaches.
        var monitor = await app.MonitoredAsync(board.Id);
        if (onHold)
        {
            await app.SendAsync(new PutProjectOnHoldCommand(board.Id, await ProjectVersionAsync(board.Id), "Budget review"));
        }

        return new World(board, tokens, dataset.DatasetId, dataset.Id, dataset.Version, model, monitor, await ProjectVersionAsync(board.Id));
    }

    private Task<uint> ProjectVersionAsync(Guid projectId) => app.WithDbAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.Version).SingleAsync());

    private async Task ArrangePeopleAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_arrangedFor == app)
            {
                return;
            }

            var people = new Dictionary<Caller, TestPerson>
            {
                [Caller.Lead] = app.Lead,
                [Caller.Admin] = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin),
                [Caller.SystemViewer] = await app.CreatePersonAsync("Vic Viewer", SystemRole.Viewer),
                [Caller.Outsider] = await app.CreatePersonAsync("Olaf Outsider"),
                [Caller.DataEngineer] = await app.CreatePersonAsync("Dan Engineer"),
                [Caller.DataScientist] = await app.CreatePersonAsync("Dina Scientist"),
                [Caller.MLEngineer] = await app.CreatePersonAsync("Max Engineer"),
                [Caller.ProjectViewer] = await app.CreatePersonAsync("Pia Viewer"),
            };
            var tokens = new Dictionary<Caller, string>();
            foreach (var (caller, person) in people)
            {
                tokens[caller] = await app.CreatePersonalTokenAsync(person);
            }

            tokens[Caller.ReadOnlyScientist] = await app.CreatePersonalTokenAsync(people[Caller.DataScientist], TokenScope.Read);
            _otherProjectToken = await app.CreateServiceTokenAsync((await app.CreateProjectAsync(withEvidence: false)).Id, ProjectRole.DataScientist);
            (_people, _personalTokens, _readWorld, _arrangedFor) = (people, tokens, null, app);
        }
        finally
        {
            Gate.Release();
        }
    }

    public sealed record Call(string Method, string Path, object? Body = null, string? IfMatch = null);

    public sealed record World(
        ProjectBoardDto Board, IReadOnlyDictionary<Caller, string> Tokens, Guid DatasetId, Guid DatasetVersionId, uint DatasetVersionVersion, Guid ModelVersionId, Guid MonitorId, uint ProjectVersion)
    {
        public string Project => $"/api/v1/projects/{Board.Key}";

        public string ProjectETag => $"\"{ProjectVersion}\"";

        public string NewTargetDate => Board.TargetDate.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public BoardTask Task(string title) => Board.Tasks.Single(t => t.Title == title);
    }
}

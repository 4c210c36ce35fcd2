using System.Reflection;
using DsProcess.Application.Activity.Queries.ProjectTimeline;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Dashboards;
using DsProcess.Application.Dashboards.Queries.DashboardProjects;
using DsProcess.Application.Dashboards.Queries.FlowMetrics;
using DsProcess.Application.Dashboards.Queries.OperationsFlow;
using DsProcess.Application.Dashboards.Queries.Portfolio;
using DsProcess.Application.Dashboards.Queries.Waiting;
using DsProcess.Application.Evidence.Datasets;
using DsProcess.Application.Evidence.Datasets.Commands.CreateDataset;
using DsProcess.Application.Evidence.Datasets.Commands.RecordDatasetQuality;
using DsProcess.Application.Evidence.Datasets.Commands.RegisterDatasetVersion;
using DsProcess.Application.Evidence.Models.Commands.RegisterModelVersion;
using DsProcess.Application.Gates.Commands.DecideGate;
using DsProcess.Application.Gates.Commands.EditGateCriteria;
using DsProcess.Application.Gates.Commands.SetGateCriterion;
using DsProcess.Application.Handoffs.Commands.AcknowledgeHandoff;
using DsProcess.Application.Notifications.Commands.MarkNotificationsRead;
using DsProcess.Application.Notifications.Queries.MyNotifications;
using DsProcess.Application.People.Commands.CreateUser;
using DsProcess.Application.People.Commands.SetUserEnabled;
using DsProcess.Application.People.Queries.ListPeople;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Projects.Queries.ListProjects;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Tasks.Commands.AddTask;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Teams.Commands.AddMember;
using DsProcess.Application.Teams.Commands.RemoveMember;
using DsProcess.Application.Teams.Queries.ProjectTeam;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValidationException = DsProcess.Application.Common.Exceptions.ValidationException;

namespace DsProcess.Application.Tests;

/// <summary>Every message is validated before it runs: bad input gets a field message and changes nothing.</summary>
public sealed class ValidationTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Each case: a message with one bad field, and that field.</summary>
    private static readonly Dictionary<string, (Func<ProjectBoardDto, IMessage> Build, string Field)> Cases = new()
    {
        ["NUL in a task title"] = (b => new AddTaskCommand { ProjectId = b.Id, Phase = PhaseKind.DataDevelopment, Title = "Data\0check" }, "Title"),
        ["control character in a description"] = (b => new AddTaskCommand { ProjectId = b.Id, Phase = PhaseKind.DataDevelopment, Title = "Check", Description = "\u001B[31m" }, "Description"),
        ["broken surrogate in a reason"] = (b => new ChangeTaskStatusCommand(b.Tasks.First().Id, b.Tasks.First().Version, TaskMove.Block, "Waiting \uD83D"), "Reason"),
        ["NUL in a note"] = (b => new ChangeTaskStatusCommand(b.Tasks.First().Id, b.Tasks.First().Version, TaskMove.Start) { Note = "\0" }, "Note"),
        ["no evidence list"] = (b => new ChangeTaskStatusCommand(b.Tasks.First().Id, b.Tasks.First().Version, TaskMove.Start) { Evidence = null! }, "Evidence"),
        ["a viewer as supporting role"] = (b => new AddTaskCommand { ProjectId = b.Id, Phase = PhaseKind.DataDevelopment, Title = "Check", SupportingRoles = [ProjectRole.Viewer] }, "SupportingRoles[0]"),
        ["no supporting role list"] = (b => new AddTaskCommand { ProjectId = b.Id, Phase = PhaseKind.DataDevelopment, Title = "Check", SupportingRoles = null! }, "SupportingRoles"),
        ["NUL in a project name"] = (_ => new CreateProjectCommand { Name = "Churn\0", Key = Keys.Next(), TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30) }, "Name"),
        ["NUL in a criterion"] = (b => new AddGateCriterionCommand(b.Id, PhaseKind.DataDevelopment, "Signed\0"), "Text"),
        ["criterion number 0"] = (b => new SetGateCriterionCommand(b.Id, PhaseKind.DataDevelopment, 0, true), "Number"),
        ["undefined phase"] = (b => new RemoveGateCriterionCommand(b.Id, (PhaseKind)9, 1), "Phase"),
        ["a rejection that completes the project"] = (_ => new DecideGateCommand(Guid.NewGuid(), GateDecision.Rejected, GateOutcome.CompleteProject, "Not yet."), "Outcome"),
        ["no handoff"] = (_ => new AcknowledgeHandoffCommand(Guid.Empty), "HandoffId"),
        ["the empty notification id"] = (_ => new MarkNotificationsReadCommand(Guid.Empty), "NotificationId"),
        ["no person to disable"] = (_ => new SetUserEnabledCommand(Guid.Empty, false), "PersonId"),
        ["no member to remove"] = (b => new RemoveMemberCommand(b.Id, Guid.Empty), "PersonId"),
        ["no roles"] = (b => new AddMemberCommand { ProjectId = b.Id, PersonId = Guid.NewGuid(), Roles = null! }, "Roles"),
        ["no first password"] = (_ => new CreateUserCommand { DisplayName = "Nia", Email = "nia@test.local", Password = null! }, "Password"),
        ["NUL in a people search"] = (_ => new ListPeopleQuery("ana\0"), "Search"),
        ["an overlong project search"] = (_ => new ListProjectsQuery(new string('x', 101)), "Search"),
        ["page beyond the last"] = (_ => new ListProjectsQuery(Page: int.MaxValue), "Page"),
        ["page 0 of the timeline"] = (b => new ProjectTimelineQuery(b.Key, new TimelineFilter(), Page: 0), "Page"),
        ["undefined kind in the timeline filter"] = (b => new ExportTimelineQuery(b.Key, new TimelineFilter(Kind: (ActivityKind)999)), "Filter.Kind"),
        ["no timeline filter"] = (b => new ProjectTimelineQuery(b.Key, null!), "Filter"),
        ["undefined status in the dashboard filter"] = (_ => new PortfolioQuery(new DashboardFilter(Status: (ProjectStatus)99)), "Filter.Status"),
        ["iteration 0 in the dashboard filter"] = (_ => new WaitingQuery(new DashboardFilter(Iteration: 0)), "Filter.Iteration"),
        ["page of 10,001 projects"] = (_ => new DashboardProjectsQuery(new DashboardFilter(), PageSize: 10_001), "PageSize"),
        ["a flow period the dashboard does not offer"] = (_ => new FlowMetricsQuery(13), "PeriodDays"),
        ["an operations flow period the dashboard does not offer"] = (_ => new OperationsFlowQuery(13), "PeriodDays"),
        ["no notifications"] = (_ => new MyNotificationsQuery(0), "Take"),
        ["NUL in a dataset name"] = (b => new CreateDatasetCommand { ProjectId = b.Id, Name = "Raw\0", Layer = DataLayer.Bronze, Purpose = DatasetPurpose.Source }, "Name"),
        ["a version location that is not an address"] = (_ => new RegisterDatasetVersionCommand { DatasetId = Guid.NewGuid(), Label = "v1", Location = "landing folder" }, "Location"),
        ["a model artefact location that is not an address"] = (b => new RegisterModelVersionCommand { ProjectId = b.Id, Name = "Churn model", Label = "v1", ArtefactUri = "models folder" }, "ArtefactUri"),
        ["a model report link that is not an address"] = (b => new RegisterModelVersionCommand { ProjectId = b.Id, Name = "Churn model", Label = "v1", ExplanationLink = "see the wiki" }, "ExplanationLink"),
        ["a quality check without a name"] = (_ => new RecordDatasetQualityCommand(Guid.NewGuid(), 1, new DatasetQualityInput { Checks = [new QualityCheck(" ", true, 0)] }), "Quality.Checks[0].Name"),
        ["no quality facts"] = (_ => new RecordDatasetQualityCommand(Guid.NewGuid(), 1, null!), "Quality"),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Fact]
    public void Every_command_and_query_with_input_has_a_validator()
    {
        var messages = typeof(CreateProjectCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(IsCommandOrQuery))
            .ToList();

        // A message without input (MyWorkQuery) has nothing to validate; one that gains a property must gain a validator.
        var missing = messages
            .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Length > 0)
            .Where(t => !app.Services.GetServices(typeof(IValidator<>).MakeGenericType(t)).Any())
            .Select(t => t.Name);

        Assert.True(messages.Count >= 30, $"Found only {messages.Count} messages; the search for them is broken.");
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_gets_a_field_message_and_changes_nothing(string name)
    {
        var (build, field) = Cases[name];
        var board = await app.CreateProjectAsync();
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var before = await app.WithDbAsync(db => db.Activity.CountAsync());

        // Validation runs before the handler, so an admin (who may send every message) meets it for every one.
        var error = await Assert.ThrowsAsync<ValidationException>(() => app.SendAnyAsync(build(board), admin));

        var message = Assert.Single(Assert.Contains(field, error.Errors));
        Assert.EndsWith(".", message, StringComparison.Ordinal);
        Assert.NotEqual('\'', message[0]);
        Assert.Equal(before, await app.WithDbAsync(db => db.Activity.CountAsync()));
    }

    [Theory]
    [InlineData("churn")]
    [InlineData("CHURN\0")]
    [InlineData("C\uD800")]
    [InlineData("ABCDEFGHIJKLMNOP")]
    public async Task An_address_with_a_key_no_project_can_have_is_not_found(string key)
    {
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ProjectBoardQuery(key)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ProjectTeamQuery(key)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ProjectTimelineQuery(key, new TimelineFilter())));
    }

    [Fact]
    public async Task Emoji_right_to_left_text_and_line_breaks_are_ordinary_text()
    {
        var board = await app.CreateProjectAsync();
        const string title = "مراجعة 😀 \u200Freview";

        await app.SendAsync(new AddTaskCommand { ProjectId = board.Id, Phase = PhaseKind.DataDevelopment, Title = title, Description = "line one\r\n\tline two" });

        var task = await app.TaskAsync(board.Key, title);
        Assert.Equal("line one\r\n\tline two", task.Description);
    }

    private static bool IsCommandOrQuery(Type type) =>
        type == typeof(ICommand)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var definition && (definition == typeof(ICommand<>) || definition == typeof(IQuery<>)));
}

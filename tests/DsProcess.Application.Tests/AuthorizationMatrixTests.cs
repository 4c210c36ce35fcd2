using DsProcess.Application.Activity.Queries.ActivityPage;
using DsProcess.Application.Activity.Queries.ProjectTimeline;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Dashboards;
using DsProcess.Application.Dashboards.Queries.DashboardProjects;
using DsProcess.Application.Dashboards.Queries.FlowMetrics;
using DsProcess.Application.Dashboards.Queries.OperationsFlow;
using DsProcess.Application.Dashboards.Queries.Portfolio;
using DsProcess.Application.Dashboards.Queries.Waiting;
using DsProcess.Application.Dashboards.Queries.Workload;
using DsProcess.Application.Evidence.Datasets;
using DsProcess.Application.Evidence.Datasets.Commands.CreateDataset;
using DsProcess.Application.Evidence.Datasets.Commands.RecordDatasetQuality;
using DsProcess.Application.Evidence.Datasets.Commands.RegisterDatasetVersion;
using DsProcess.Application.Evidence.Datasets.Queries.ProjectData;
using DsProcess.Application.Evidence.Lineage.Queries.ProjectLineage;
using DsProcess.Application.Evidence.Models.Commands.ChangeModelStage;
using DsProcess.Application.Evidence.Models.Commands.RegisterModelVersion;
using DsProcess.Application.Evidence.Models.Commands.RemoveMetricTarget;
using DsProcess.Application.Evidence.Models.Commands.SetMetricTarget;
using DsProcess.Application.Evidence.Models.Commands.StartExperiment;
using DsProcess.Application.Evidence.Models.Queries.ProjectModels;
using DsProcess.Application.Gates.Commands.DecideGate;
using DsProcess.Application.Gates.Commands.EditGateCriteria;
using DsProcess.Application.Gates.Commands.SetGateCriterion;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Gates.Queries.AutomaticCriteria;
using DsProcess.Application.Gates.Queries.GateDetails;
using DsProcess.Application.Handoffs.Commands.AcknowledgeHandoff;
using DsProcess.Application.Handoffs.Queries.HandoffVersionChoices;
using DsProcess.Application.Kpis.Commands.AddKpi;
using DsProcess.Application.Kpis.Commands.ChangeKpi;
using DsProcess.Application.Kpis.Commands.RecordKpiValue;
using DsProcess.Application.Kpis.Commands.RemoveKpi;
using DsProcess.Application.Kpis.Queries.ProjectKpis;
using DsProcess.Application.Notifications.Commands.MarkNotificationsRead;
using DsProcess.Application.Notifications.Commands.SetEmailPreferences;
using DsProcess.Application.Notifications.Queries.MyEmailPreferences;
using DsProcess.Application.Notifications.Queries.MyNotifications;
using DsProcess.Application.Operations.Alerts.Commands.DismissAlert;
using DsProcess.Application.Operations.Alerts.Commands.OpenReworkFromAlert;
using DsProcess.Application.Operations.Deployments.Commands.EndDeployment;
using DsProcess.Application.Operations.Deployments.Commands.RecordDeployment;
using DsProcess.Application.Operations.Monitors.Commands.ChangeMonitor;
using DsProcess.Application.Operations.Monitors.Commands.RemoveMonitor;
using DsProcess.Application.Operations.Pipelines.Commands.RecordPipelineRun;
using DsProcess.Application.Operations.Queries.ModelsInAlert;
using DsProcess.Application.Operations.Queries.ProjectOperations;
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
using DsProcess.Application.Projects.Queries.ProjectByKey;
using DsProcess.Application.Projects.Queries.ProjectPage;
using DsProcess.Application.Projects.Queries.ProjectSettings;
using DsProcess.Application.Reports.Queries.ProjectReport;
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
using DsProcess.Application.Tokens.Commands.CreatePersonalToken;
using DsProcess.Application.Tokens.Commands.CreateServiceToken;
using DsProcess.Application.Tokens.Commands.RevokeToken;
using DsProcess.Application.Tokens.Queries.AllTokens;
using DsProcess.Application.Tokens.Queries.MyTokens;
using DsProcess.Application.Tokens.Queries.ProjectServiceTokens;
using DsProcess.Application.Webhooks.Commands.RedeliverWebhook;
using DsProcess.Application.Webhooks.Commands.RemoveWebhook;
using DsProcess.Application.Webhooks.Commands.SendTestWebhook;
using DsProcess.Application.Webhooks.Commands.SetWebhookPaused;
using DsProcess.Application.Webhooks.Commands.SubscribeWebhook;
using DsProcess.Application.Webhooks.Queries.ProjectWebhooks;
using DsProcess.Application.Webhooks.Queries.WebhookDeliveries;
using DsProcess.Application.Work.Queries.MyWork;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Integration;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Operations;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using DsProcess.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tests;

/// <summary>
/// Every command and query, sent by every kind of caller: the allowed ones succeed, the others are refused
/// with <see cref="ForbiddenException"/> and change nothing.
/// </summary>
public sealed class AuthorizationMatrixTests(AppFixture app) : IClassFixture<AppFixture>
{
    public enum Who
    {
        Admin,
        Lead,
        DataEngineer,
        DataScientist,
        MLEngineer,
        ProjectViewer,
        SystemViewer,
        Outsider,
        Anonymous,
        Disabled,
    }

    private static readonly Who[] Readers = [Who.Admin, Who.Lead, Who.DataEngineer, Who.DataScientist, Who.MLEngineer, Who.ProjectViewer, Who.SystemViewer];
    private static readonly Who[] SignedIn = [.. Readers, Who.Outsider];

    private static readonly Who[] GateWorkers = [Who.Lead, Who.DataEngineer, Who.DataScientist, Who.MLEngineer];
    private static readonly Who[] Managers = [Who.Admin, Who.Lead, Who.SystemViewer];
    private static readonly Who[] DataRegistrars = [Who.Lead, Who.DataEngineer, Who.DataScientist];
    private static readonly Who[] ModelRegistrars = [Who.Lead, Who.DataScientist];
    private static readonly Who[] Operators = [Who.Lead, Who.MLEngineer];
    private static readonly Who[] Triagers = [Who.Lead, Who.DataScientist, Who.MLEngineer];
    private static readonly Who[] KpiRecorders = [Who.Lead, Who.DataScientist];

    /// <summary>
    /// Each use case (and variant, "Message: variant"), how to build it in a fresh world (arranging what it needs),
    /// and who may send it.
    /// </summary>
    private static readonly Dictionary<string, (Func<AppFixture, World, Task<IMessage>> Build, Who[] Allowed)> Cases = new()
    {
        ["SubmitGate"] = (async (app, w) =>
        {
            await app.FinishRequiredTasksAsync(w.Board.Key, PhaseKind.DataDevelopment);
            return new SubmitGateCommand(w.Board.Id, PhaseKind.DataDevelopment, "ready");
        }, GateWorkers),
        ["DecideGate"] = (async (app, w) =>
        {
            await app.FinishRequiredTasksAsync(w.Board.Key, PhaseKind.DataDevelopment);
            var review = await app.SendAsync(new SubmitGateCommand(w.Board.Id, PhaseKind.DataDevelopment), w.People[Who.DataEngineer]);
            return new DecideGateCommand(review, GateDecision.Approved);
        }, [Who.Lead, Who.DataScientist]),
        ["SetGateCriterion"] = (Sync(w => new SetGateCriterionCommand(w.Board.Id, PhaseKind.DataDevelopment, 1, true)), GateWorkers),
        ["AddGateCriterion"] = (Sync(w => new AddGateCriterionCommand(w.Board.Id, PhaseKind.DataDevelopment, "Signed off by legal")), [Who.Lead]),
        ["RemoveGateCriterion"] = (Sync(w => new RemoveGateCriterionCommand(w.Board.Id, PhaseKind.DataDevelopment, 1)), [Who.Lead]),
        ["HandoffVersionChoices"] = (Sync(w => new HandoffVersionChoicesQuery(w.Board.Id)), Readers),
        ["AutomaticCriteria"] = (Sync(w => new AutomaticCriteriaQuery(w.Board.Id, PhaseKind.ModelDevelopment)), Readers),
        ["GateDetails"] = (Sync(w => new GateDetailsQuery(w.Board.Key, PhaseKind.BusinessAnalysis, WithKpis: true)), Readers),
        ["DecideGate: send back to Data Development"] = (async (app, w) =>
        {
            await app.PassGateAsync(w.Board.Key, PhaseKind.DataDevelopment, w.People[Who.DataScientist]!);
            await app.FinishRequiredTasksAsync(w.Board.Key, PhaseKind.ModelDevelopment);
            var review = await app.SendAsync(new SubmitGateCommand(w.Board.Id, PhaseKind.ModelDevelopment), w.People[Who.DataScientist]);
            return new DecideGateCommand(review, GateDecision.Rejected, GateOutcome.IterateFromDataDevelopment, "The data is not sufficient.");
        }, [Who.Lead, Who.MLEngineer]),
        ["AcknowledgeHandoff"] = (async (app, w) =>
        {
            await app.FinishAsync(w.Board.Key, "Data collection");
            await app.FinishAsync(w.Board.Key, "Data preprocessing");
            var handoff = await app.WithDbAsync(db => db.Handoffs.SingleAsync(h => h.ProjectId == w.Board.Id));
            return new AcknowledgeHandoffCommand(handoff.Id);
        }, [Who.Lead, Who.DataScientist]),
        ["ProjectTimeline"] = (Sync(w => new ProjectTimelineQuery(w.Board.Key, new TimelineFilter())), Readers),
        ["ExportTimeline"] = (Sync(w => new ExportTimelineQuery(w.Board.Key, new TimelineFilter())), Readers),
        ["MyNotifications"] = (Sync(_ => new MyNotificationsQuery()), SignedIn),
        ["Portfolio"] = (Sync(_ => new PortfolioQuery(new DashboardFilter())), Managers),
        ["Waiting"] = (Sync(_ => new WaitingQuery(new DashboardFilter())), Managers),
        ["FlowMetrics"] = (Sync(_ => new FlowMetricsQuery()), Managers),
        ["OperationsFlow"] = (Sync(_ => new OperationsFlowQuery()), Managers),
        ["Workload"] = (Sync(_ => new WorkloadQuery()), Managers),
        ["DashboardProjects"] = (Sync(_ => new DashboardProjectsQuery(new DashboardFilter())), Managers),
        ["MarkNotificationsRead"] = (Sync(_ => new MarkNotificationsReadCommand()), SignedIn),
        ["CreateProject"] = (Sync(_ => new CreateProjectCommand { Name = "Matrix", Key = Keys.Next("M"), TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90) }), [Who.Admin, Who.Lead]),
        ["ListProjects"] = (Sync(_ => new ListProjectsQuery()), SignedIn),
        ["ProjectPage"] = (Sync(_ => new ProjectPageQuery()), SignedIn),
        ["ProjectByKey"] = (Sync(w => new ProjectByKeyQuery(w.Board.Key)), Readers),
        ["ActivityPage"] = (Sync(w => new ActivityPageQuery(w.Board.Key, new TimelineFilter())), Readers),
        ["MyWork"] = (Sync(_ => new MyWorkQuery()), SignedIn),
        ["ListPeople"] = (Sync(_ => new ListPeopleQuery()), SignedIn),
        ["ProjectBoard"] = (Sync(w => new ProjectBoardQuery(w.Board.Key)), Readers),
        ["ProjectTeam"] = (Sync(w => new ProjectTeamQuery(w.Board.Key)), Readers),
        ["ChangeTaskStatus"] = (Sync(w => new ChangeTaskStatusCommand(w.Task("Data collection").Id, w.Task("Data collection").Version, TaskMove.Start)), [Who.Lead, Who.DataEngineer]),
        ["SetChecklistItem"] = (Sync(w => new SetChecklistItemCommand(w.Task("Feature engineering").Id, 1, true)), [Who.Lead, Who.DataEngineer, Who.DataScientist]),
        ["PlanTask"] = (Sync(w => PlanOf(w.Task("Testing"))), [Who.Lead]),
        ["AddTask"] = (Sync(w => new AddTaskCommand { ProjectId = w.Board.Id, Phase = PhaseKind.ModelDevelopment, Title = "Bias review" }), [Who.Lead]),
        ["AssignTask"] = (Sync(w => new AssignTaskCommand(w.Task("Data collection").Id, w.Task("Data collection").Version, w.People[Who.DataEngineer]!.Id)), [Who.Lead]),
        ["AssignRoleTasks"] = (Sync(w => new AssignRoleTasksCommand(w.Board.Id, ProjectRole.DataScientist, w.People[Who.DataScientist]!.Id)), [Who.Lead]),
        ["AddMember"] = (Sync(w => new AddMemberCommand { ProjectId = w.Board.Id, PersonId = w.Spare.Id, Roles = [ProjectRole.DataScientist] }), [Who.Lead]),
        ["ChangeMemberRoles"] = (Sync(w => new ChangeMemberRolesCommand(w.Board.Id, w.People[Who.DataScientist]!.Id, [ProjectRole.DataScientist, ProjectRole.MLEngineer])), [Who.Lead]),
        ["RemoveMember"] = (Sync(w => new RemoveMemberCommand(w.Board.Id, w.People[Who.MLEngineer]!.Id)), [Who.Lead]),
        ["ProjectSettings"] = (Sync(w => new ProjectSettingsQuery(w.Board.Key)), Readers),
        ["PreviewReplan"] = (Sync(w => new PreviewReplanQuery(w.Board.Id, w.Board.TargetDate.AddDays(14))), [Who.Lead]),
        ["PreviewPlaybookVersion"] = (Sync(w => new PreviewPlaybookVersionQuery(w.Board.Id)), [Who.Lead]),
        ["TakePlaybookVersion"] = (async (app, w) =>
        {
            var draft = await app.WithDbAsync(async db =>
            {
                var newest = await db.Playbooks.Where(p => p.Lineage == DefaultPlaybook.Id).OrderByDescending(p => p.Number).FirstAsync();
                var next = newest.NextDraft(Actor.System, DateTimeOffset.UtcNow);
                next.Publish(null, Actor.System, DateTimeOffset.UtcNow);
                db.Playbooks.Add(next);
                await db.SaveChangesAsync();
                return next.Id;
            });
            return new TakePlaybookVersionCommand(w.Board.Id, await ProjectVersionAsync(app, w), draft);
        }, [Who.Lead]),
        ["EditProjectDetails"] = (async (app, w) => new EditProjectDetailsCommand
        {
            ProjectId = w.Board.Id,
            Version = await ProjectVersionAsync(app, w),
            Name = "Churn, renamed",
            Objective = w.Board.Objective,
        }, [Who.Lead]),
        ["ReplanProject"] = (async (app, w) => new ReplanProjectCommand
        {
            ProjectId = w.Board.Id,
            Version = await ProjectVersionAsync(app, w),
            TargetDate = w.Board.TargetDate.AddDays(14),
        }, [Who.Lead]),
        ["PutProjectOnHold"] = (async (app, w) => new PutProjectOnHoldCommand(w.Board.Id, await ProjectVersionAsync(app, w), "budget review"), [Who.Lead]),
        ["ResumeProject"] = (async (app, w) =>
        {
            await app.SendAsync(new PutProjectOnHoldCommand(w.Board.Id, await ProjectVersionAsync(app, w), "budget review"));
            return new ResumeProjectCommand(w.Board.Id, await ProjectVersionAsync(app, w));
        }, [Who.Lead]),
        ["CancelProject"] = (async (app, w) => new CancelProjectCommand(w.Board.Id, await ProjectVersionAsync(app, w), "the business case is gone"), [Who.Lead]),
        ["CreateUser"] = (Sync(_ => new CreateUserCommand { DisplayName = "New Person", Email = $"new.{Guid.NewGuid():N}@test.local", Password = AppFixture.Password }), [Who.Admin]),
        ["ChangeSystemRole"] = (Sync(w => new ChangeSystemRoleCommand(w.Spare.Id, SystemRole.TeamLead)), [Who.Admin]),
        ["CreateDataset"] = (Sync(w => new CreateDatasetCommand { ProjectId = w.Board.Id, Name = "Raw events", Layer = DataLayer.Bronze, Purpose = DatasetPurpose.Source }), DataRegistrars),
        ["RegisterDatasetVersion"] = (async (app, w) => new RegisterDatasetVersionCommand
        {
            DatasetId = await app.SendAsync(new CreateDatasetCommand { ProjectId = w.Board.Id, Name = "Raw events", Layer = DataLayer.Bronze, Purpose = DatasetPurpose.Source }),
            Label = "v1",
            Location = "s3://lake/raw/v1",
        }, DataRegistrars),
        ["RecordDatasetQuality"] = (async (app, w) =>
        {
            var dataset = await app.SendAsync(new CreateDatasetCommand { ProjectId = w.Board.Id, Name = "Customers", Layer = DataLayer.Silver, Purpose = DatasetPurpose.Curated });
            var version = await app.SendAsync(new RegisterDatasetVersionCommand { DatasetId = dataset, Label = "v1", Location = "s3://lake/customers/v1" });
            var seen = await app.WithDbAsync(db => db.DatasetVersions.SingleAsync(v => v.Id == version));
            return new RecordDatasetQualityCommand(version, seen.Version, new DatasetQualityInput { Checks = [new QualityCheck("unique ids", true, 0)] });
        }, DataRegistrars),
        ["ProjectData"] = (Sync(w => new ProjectDataQuery(w.Board.Key)), Readers),
        ["ProjectLineage"] = (Sync(w => new ProjectLineageQuery(w.Board.Key)), Readers),
        ["SetUserEnabled"] = (Sync(w => new SetUserEnabledCommand(w.Spare.Id, Enabled: false)), [Who.Admin]),
        ["StartExperiment"] = (Sync(w => new StartExperimentCommand(w.Board.Id, "Boosted trees")), ModelRegistrars),
        ["RegisterModelVersion"] = (async (app, w) => ModelScenario.ModelVersion(w.Board.Id, await app.AddSplitsAsync(w.Board.Id), "v1", 0.8), ModelRegistrars),
        ["ChangeModelStage"] = (async (app, w) =>
        {
            var id = await app.SendAsync(ModelScenario.ModelVersion(w.Board.Id, await app.AddSplitsAsync(w.Board.Id), "v1", 0.8));
            var version = await app.WithDbAsync(db => db.ModelVersions.Where(m => m.Id == id).Select(m => m.Version).SingleAsync());
            return new ChangeModelStageCommand(id, version, ModelStage.Approved, "Beats the baseline");
        }, ModelRegistrars),
        ["SetMetricTarget"] = (Sync(w => new SetMetricTargetCommand(w.Board.Id, "precision", MetricSplit.Test, TargetDirection.AtLeast, 0.8)), ModelRegistrars),
        ["RemoveMetricTarget"] = (async (app, w) =>
        {
            await app.SendAsync(new SetMetricTargetCommand(w.Board.Id, "precision", MetricSplit.Test, TargetDirection.AtLeast, 0.8));
            var target = await app.WithDbAsync(db => db.MetricTargets.SingleAsync(t => t.ProjectId == w.Board.Id && t.Metric == "precision"));
            return new RemoveMetricTargetCommand(target.Id, target.Version);
        }, ModelRegistrars),
        ["ProjectModels"] = (Sync(w => new ProjectModelsQuery(w.Board.Key)), Readers),
        ["CreatePersonalToken"] = (Sync(_ => new CreatePersonalTokenCommand("notebook", TokenScope.Read, 30)), SignedIn),
        ["CreateServiceToken"] = (Sync(w => new CreateServiceTokenCommand(w.Board.Id, "training pipeline", ProjectRole.DataScientist, TokenScope.ReadWrite, 30)), [Who.Lead]),
        ["RevokeToken"] = (async (app, w) =>
        {
            var token = await app.SendAsync(new CreateServiceTokenCommand(w.Board.Id, "scoring job", ProjectRole.MLEngineer, TokenScope.Read, 7));
            return new RevokeTokenCommand(token.Id);
        }, [Who.Admin, Who.Lead]),
        ["MyTokens"] = (Sync(_ => new MyTokensQuery()), SignedIn),
        ["AllTokens"] = (Sync(_ => new AllTokensQuery()), [Who.Admin]),
        ["Playbooks"] = (Sync(_ => new PlaybooksQuery()), [Who.Admin, Who.Lead]),
        ["ExportPlaybook"] = (Sync(_ => new ExportPlaybookQuery(DefaultPlaybook.Id)), [Who.Admin, Who.Lead]),
        ["ComparePlaybooks"] = (async (app, _) => new ComparePlaybooksQuery(DefaultPlaybook.Id, await app.AddPlaybookAsync()), [Who.Admin, Who.Lead]),
        ["ImportPlaybook"] = (Sync(_ => new ImportPlaybookCommand(
            (PlaybookDocument.From(DefaultPlaybook.Create()) with { Name = $"Matrix {Guid.NewGuid():N}" }).Write())), [Who.Admin]),
        ["SetPlaybookArchived"] = (async (app, _) => new SetPlaybookArchivedCommand(await app.AddPlaybookAsync(), Archived: true), [Who.Admin]),
        ["DeletePlaybook"] = (async (app, _) => new DeletePlaybookCommand(await app.AddPlaybookAsync()), [Who.Admin]),
        ["Playbook"] = (Sync(_ => new PlaybookQuery(DefaultPlaybook.Id)), [Who.Admin]),
        ["SetPlaybookOwner"] = (async (app, _) => new SetPlaybookOwnerCommand((await app.CreatePersonAsync("Olga Owner")).Id, Owns: true), [Who.Admin]),
        ["AddRole"] = (Sync(_ => new AddRoleCommand { Name = $"Matrix {Guid.NewGuid():N}" }), [Who.Admin]),
        ["Roles"] = (Sync(_ => new RolesQuery()), [Who.Admin]),
        ["Search"] = (Sync(_ => new SearchQuery("churn testing")), SignedIn),
        ["ChooseAppearance"] = (Sync(_ => new ChooseAppearanceCommand(Appearance.Dark)), SignedIn),
        ["SetEmailPreference"] = (Sync(_ => new SetEmailPreferenceCommand(NotificationKind.HandoffToYou, EmailChoice.Digest)), SignedIn),
        ["MyEmailPreferences"] = (Sync(_ => new MyEmailPreferencesQuery()), SignedIn),
        ["CreatePlaybook"] = (Sync(_ => new CreatePlaybookCommand { CopyOf = DefaultPlaybook.Id, Name = $"Matrix {Guid.NewGuid():N}" }), [Who.Admin]),
        ["DraftPlaybookVersion"] = (async (app, _) => new DraftPlaybookVersionCommand(await app.AddPlaybookAsync()), [Who.Admin]),
        ["SavePlaybookDraft"] = (async (app, _) =>
        {
            var draft = await app.AddPlaybookDraftAsync();
            return new SavePlaybookDraftCommand(draft.Id, draft.Version, draft.Name, null, PlaybookDocument.From(draft).Phases);
        }, [Who.Admin]),
        ["PublishPlaybook"] = (async (app, _) =>
        {
            var draft = await app.AddPlaybookDraftAsync();
            return new PublishPlaybookCommand(draft.Id, draft.Version);
        }, [Who.Admin]),
        ["ProjectServiceTokens"] = (Sync(w => new ProjectServiceTokensQuery(w.Board.Id)), [Who.Lead]),
        ["SubscribeWebhook"] = (Sync(w => new SubscribeWebhookCommand(w.Board.Id, WebhookScenario.Unanswered, [WebhookEventType.TaskDone])), [Who.Lead]),
        ["SetWebhookPaused"] = (async (app, w) =>
        {
            var webhook = await app.SubscribeAsync(w.Board.Id);
            return new SetWebhookPausedCommand(webhook.Id, await app.WebhookVersionAsync(webhook.Id), Paused: true);
        }, [Who.Lead]),
        ["RemoveWebhook"] = (async (app, w) =>
        {
            var webhook = await app.SubscribeAsync(w.Board.Id);
            return new RemoveWebhookCommand(webhook.Id, await app.WebhookVersionAsync(webhook.Id));
        }, [Who.Lead]),
        ["SendTestWebhook"] = (async (app, w) => new SendTestWebhookCommand((await app.SubscribeAsync(w.Board.Id)).Id), [Who.Lead]),
        ["RedeliverWebhook"] = (async (app, w) =>
        {
            // Paused, so that no delivery is in flight when the message is sent.
            var webhook = await app.SubscribeAsync(w.Board.Id);
            await app.PauseAsync(webhook.Id);
            return new RedeliverWebhookCommand(await app.SendAsync(new SendTestWebhookCommand(webhook.Id)));
        }, [Who.Lead]),
        ["RecordDeployment"] = (async (app, w) =>
            new RecordDeploymentCommand(w.Board.Id, await app.ModelInProductionAsync(w.Board.Id), DeploymentEnvironment.Production, OperationsScenario.Endpoint), Operators),
        ["EndDeployment"] = (async (app, w) =>
        {
            var (_, deployment) = await app.DeployAsync(w.Board.Id);
            var version = await app.WithDbAsync(db => db.Deployments.Where(d => d.Id == deployment).Select(d => d.Version).SingleAsync());
            return new EndDeploymentCommand(deployment, version, "Switched off");
        }, Operators),
        ["RecordPipelineRun"] = (Sync(w => new RecordPipelineRunCommand(w.Board.Id, PipelineKind.Data, PipelineState.Succeeded)), Operators),
        ["AddMonitor"] = (async (app, w) => OperationsScenario.Monitor(w.Board.Id, (await app.DeployAsync(w.Board.Id)).Model), Operators),
        ["ChangeMonitor"] = (async (app, w) =>
        {
            var monitor = await app.MonitoredAsync(w.Board.Id);
            var version = await app.WithDbAsync(db => db.Monitors.Where(m => m.Id == monitor).Select(m => m.Version).SingleAsync());
            return new ChangeMonitorCommand { MonitorId = monitor, Version = version, Metric = "accuracy", Direction = TargetDirection.AtLeast, Threshold = 0.7, Severity = AlertSeverity.Warning };
        }, Operators),
        ["RemoveMonitor"] = (async (app, w) =>
        {
            var monitor = await app.MonitoredAsync(w.Board.Id);
            var version = await app.WithDbAsync(db => db.Monitors.Where(m => m.Id == monitor).Select(m => m.Version).SingleAsync());
            return new RemoveMonitorCommand(monitor, version);
        }, Operators),
        ["RecordSignals"] = (async (app, w) => OperationsScenario.Signals(await app.MonitoredAsync(w.Board.Id), (0.5, 10)), Operators),
        ["DismissAlert"] = (async (app, w) =>
        {
            var alert = await AlertAsync(app, w, MonitorKind.ModelPerformance);
            return new DismissAlertCommand(alert.Id, alert.Version, "Known dip");
        }, Triagers),
        ["OpenReworkFromAlert"] = (async (app, w) =>
        {
            // Working on Model Development, so a data drift sends it back to Data Development.
            await app.PassGateAsync(w.Board.Key, PhaseKind.DataDevelopment, w.People[Who.DataScientist]!);
            var alert = await AlertAsync(app, w, MonitorKind.DataDrift);
            return new OpenReworkFromAlertCommand(alert.Id, alert.Version);
        }, Triagers),
        ["ProjectOperations"] = (Sync(w => new ProjectOperationsQuery(w.Board.Key)), Readers),
        ["ModelsInAlert"] = (Sync(_ => new ModelsInAlertQuery()), SignedIn),

        ["AddKpi"] = (Sync(w => new AddKpiCommand(w.Board.Id, "Conversion rate", "%", 3.2, 5, TargetDirection.AtLeast)), [Who.Lead]),
        ["ChangeKpi"] = (async (app, w) =>
        {
            var (id, version) = await KpiAsync(app, w);
            return new ChangeKpiCommand(id, version, "Conversion rate", "%", 3.2, 4.5, TargetDirection.AtLeast);
        }, [Who.Lead]),
        ["RemoveKpi"] = (async (app, w) =>
        {
            var (id, version) = await KpiAsync(app, w);
            return new RemoveKpiCommand(id, version);
        }, [Who.Lead]),
        ["RecordKpiValue"] = (async (app, w) => new RecordKpiValueCommand((await KpiAsync(app, w)).Id, 4.1, Note: "week 1"), KpiRecorders),
        ["ProjectKpis"] = (Sync(w => new ProjectKpisQuery(w.Board.Key)), Readers),
        ["ProjectReport"] = (Sync(w => new ProjectReportQuery(w.Board.Key)), Readers),
        ["ProjectWebhooks"] = (Sync(w => new ProjectWebhooksQuery(w.Board.Key)), [Who.Lead]),
        ["WebhookDeliveries"] = (Sync(w => new WebhookDeliveriesQuery(w.Board.Id)), [Who.Lead]),
    };

    private static TestPerson? _admin;
    private static TestPerson? _systemViewer;
    private static TestPerson? _outsider;

    public static TheoryData<string, Who> Matrix()
    {
        var data = new TheoryData<string, Who>();
        foreach (var command in Cases.Keys)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                data.Add(command, who);
            }
        }

        return data;
    }

    [Fact]
    public void Every_use_case_of_the_application_is_in_the_matrix()
    {
        var messages = typeof(CreateProjectCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))
            .Select(t => t.Name.Replace("Command", "", StringComparison.Ordinal).Replace("Query", "", StringComparison.Ordinal))
            .Order();

        // A key "Message: variant" is one more row for a message whose rules depend on its input.
        Assert.Equal(Cases.Keys.Select(k => k.Split(':')[0]).Distinct().Order(), messages);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_the_allowed_callers_get_through(string command, Who who)
    {
        var (build, allowed) = Cases[command];
        var world = await WorldAsync();
        var message = await build(app, world);
        var before = await SnapshotAsync();

        var error = await Record.ExceptionAsync(() => app.SendAnyAsync(message, who == Who.Anonymous ? null : world.People[who]));

        if (allowed.Contains(who))
        {
            Assert.Null(error);
        }
        else
        {
            Assert.IsType<ForbiddenException>(error);
            Assert.Equal(before, await SnapshotAsync());
        }
    }

    public static TheoryData<Who> ProjectReaders() => [.. Readers];

    [Theory]
    [MemberData(nameof(ProjectReaders))]
    public async Task Only_admins_and_team_leads_get_e_mail_addresses_the_others_see_names(Who who)
    {
        var world = await WorldAsync();
        var caller = world.People[who];
        var named = await app.CreatePersonAsync($"Una {Guid.NewGuid():N}");

        var team = await app.SendAsync(new ProjectTeamQuery(world.Board.Key), caller);
        var byName = Assert.Single(await app.SendAsync(new ListPeopleQuery(named.Name), caller));
        var byEmail = await app.SendAsync(new ListPeopleQuery(named.Email), caller);

        Assert.Equal(named.Name, byName.Name);
        Assert.Contains(team.Members, m => m.Name == "Dan Engineer");
        if (who is Who.Admin or Who.Lead)
        {
            Assert.All(team.Members, m => Assert.Contains("@", m.Email, StringComparison.Ordinal));
            Assert.Equal(named.Email, byName.Email);
            Assert.Equal([named.Id], byEmail.Select(p => p.Id));
        }
        else
        {
            Assert.All(team.Members, m => Assert.Null(m.Email));
            Assert.Null(byName.Email);
            // Searching by an address would tell whose it is.
            Assert.Empty(byEmail);
        }
    }

    [Fact]
    public async Task A_team_lead_sees_on_every_dashboard_query_only_the_projects_whose_team_they_are_on()
    {
        // Projects of another lead with something on every part of the dashboard: a finished phase and a gate
        // decision (flow), a task overdue and assigned (waiting, workload), open handoffs, a gate awaiting decision.
        var hidden = await app.CreateProjectAsync(name: "Hidden flow");
        var hiddenScientist = await app.CreateMemberAsync(hidden.Id, "Hana Hidden", ProjectRole.DataScientist);
        await app.PassGateAsync(hidden.Key, PhaseKind.DataDevelopment, hiddenScientist);
        var late = await app.TaskAsync(hidden.Key, "Model experimentation");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.SendAsync(new PlanTaskCommand { TaskId = late.Id, Version = late.Version, Title = late.Title, PlannedStart = today.AddDays(-9), Due = today.AddDays(-2) });
        late = await app.TaskAsync(hidden.Key, late.Title);
        await app.SendAsync(new AssignTaskCommand(late.Id, late.Version, hiddenScientist.Id));
        var waiting = await app.CreateProjectAsync(name: "Hidden gate");
        await app.FinishRequiredTasksAsync(waiting.Key, PhaseKind.DataDevelopment);
        await app.SendAsync(new SubmitGateCommand(waiting.Id, PhaseKind.DataDevelopment));
        // Tom leads a project of his own and is a viewer on one of Lea's.
        var tom = await app.CreatePersonAsync("Tom Other", SystemRole.TeamLead);
        var own = await app.SendAsync(new CreateProjectCommand { Name = "Tom's own", Key = Keys.Next("T"), TargetDate = today.AddDays(90) }, tom);
        var shared = await app.CreateProjectAsync(name: "Shared with Tom");
        await app.SendAsync(new AddMemberCommand { ProjectId = shared.Id, PersonId = tom.Id, Roles = [ProjectRole.Viewer] });
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all(); SELECT dashboard_refresh_flow();"));
        string[] hiddenKeys = [hidden.Key, waiting.Key];
        var viewer = _systemViewer ??= await app.CreatePersonAsync("Vic Viewer", SystemRole.Viewer);

        var portfolio = await app.SendAsync(new PortfolioQuery(new DashboardFilter()), tom);
        var projects = await app.SendAsync(new DashboardProjectsQuery(new DashboardFilter(), PageSize: 1000), tom);
        var byHiddenLead = await app.SendAsync(new DashboardProjectsQuery(new DashboardFilter(LeadId: app.Lead.Id), PageSize: 1000), tom);
        var waits = await app.SendAsync(new WaitingQuery(new DashboardFilter(), PageSize: 100), tom);
        var flow = await app.SendAsync(new FlowMetricsQuery(365), tom);
        var workload = await app.SendAsync(new WorkloadQuery(Take: 100), tom);

        Assert.False(portfolio.IsWholePortfolio);
        Assert.Equal(2, portfolio.Projects);
        Assert.Equal(new[] { own.Key, shared.Key }.Order(), projects.Items.Select(p => p.Key).Order());
        Assert.Equal([shared.Key], byHiddenLead.Items.Select(p => p.Key));
        Assert.Equal(projects.Items.Sum(p => p.OpenTasks), portfolio.OpenTasks);
        Assert.DoesNotContain(waits.Gates, g => hiddenKeys.Contains(g.ProjectKey));
        Assert.DoesNotContain(waits.Handoffs, h => hiddenKeys.Contains(h.ProjectKey));
        Assert.DoesNotContain(waits.OverdueTasks, t => hiddenKeys.Contains(t.ProjectKey));
        Assert.All(flow.Phases, p => Assert.Equal(0, p.TimeInPhaseDays.Samples + p.Decisions + p.HandoffWaitHours.Samples));
        Assert.All(flow.Weeks, w => Assert.Equal(0, w.Total));
        Assert.DoesNotContain(workload.MostOpen, p => p.PersonId == hiddenScientist.Id);
        Assert.DoesNotContain(workload.MostOverdue, p => p.PersonId == hiddenScientist.Id);
        // Every open task is owned by one role, so the roles' open tasks add up to those of Tom's two projects.
        Assert.Equal(projects.Items.Sum(p => p.OpenTasks), workload.Roles.Sum(r => r.OpenTasks));

        // The hidden projects are there, for those who read the whole portfolio.
        var all = await app.SendAsync(new WaitingQuery(new DashboardFilter(), PageSize: 100), viewer);
        Assert.Contains(all.Gates, g => g.ProjectKey == waiting.Key);
        Assert.Contains(all.OverdueTasks, t => t.ProjectKey == hidden.Key);
        Assert.True(await app.WithDbAsync(db => db.Handoffs.AnyAsync(h => (h.ProjectId == hidden.Id || h.ProjectId == waiting.Id) && h.AcknowledgedAt == null)));
        Assert.Contains((await app.SendAsync(new WorkloadQuery(Take: 100), viewer)).MostOverdue, p => p.PersonId == hiddenScientist.Id);
        Assert.Contains((await app.SendAsync(new FlowMetricsQuery(365), viewer)).Phases, p => p.TimeInPhaseDays.Samples > 0);
        Assert.True((await app.SendAsync(new PortfolioQuery(new DashboardFilter()), viewer)).Projects > 2);
    }

    [Fact]
    public async Task A_member_of_one_project_can_neither_read_nor_change_another_by_id()
    {
        var mine = await app.CreateProjectAsync();
        var theirs = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(mine.Id, "Eve Engineer", ProjectRole.DataEngineer);
        var task = theirs.Tasks.Single(t => t.Title == "Data collection");

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ProjectBoardQuery(theirs.Key), engineer));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start), engineer));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new SetChecklistItemCommand(task.Id, 1, true), engineer));
        var listed = await app.SendAsync(new ListProjectsQuery(PageSize: 100), engineer);
        Assert.Equal([mine.Key], listed.Items.Select(p => p.Key));
        Assert.Equal(ProjectTaskStatus.NotStarted, (await app.TaskAsync(theirs.Key, "Data collection")).Status);
    }

    [Fact]
    public async Task An_engineer_cannot_change_a_tasks_assignee_or_dates()
    {
        var board = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(board.Id, "Ed Engineer", ProjectRole.DataEngineer);
        var task = board.Tasks.Single(t => t.Title == "Data collection");
        var plan = PlanOf(task);
        plan.Due = task.Due!.Value.AddDays(30);

        var dates = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(plan, engineer));
        var assignee = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new AssignTaskCommand(task.Id, task.Version, engineer.Id), engineer));

        Assert.Contains("team lead", dates.Message, StringComparison.Ordinal);
        Assert.Contains("team lead", assignee.Message, StringComparison.Ordinal);
        var after = await app.TaskAsync(board.Key, "Data collection");
        Assert.Equal(task.Due, after.Due);
        Assert.Null(after.AssigneeId);
        await app.SendAsync(new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start), engineer);
    }

    [Fact]
    public async Task A_disabled_user_is_refused_at_their_next_action()
    {
        var board = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(board.Id, "Dora Engineer", ProjectRole.DataEngineer);
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var task = board.Tasks.Single(t => t.Title == "Data collection");
        await app.SendAsync(new SetChecklistItemCommand(task.Id, 1, true), engineer);

        await app.SendAsync(new SetUserEnabledCommand(engineer.Id, Enabled: false), admin);
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new SetChecklistItemCommand(task.Id, 2, true), engineer));

        Assert.Contains("disabled", refused.Message, StringComparison.Ordinal);
        Assert.False((await app.TaskAsync(board.Key, "Data collection")).Checklist[1].IsDone);
        await app.SendAsync(new SetUserEnabledCommand(engineer.Id, Enabled: true), admin);
        await app.SendAsync(new SetChecklistItemCommand(task.Id, 2, true), engineer);
    }

    [Fact]
    public async Task Removing_a_role_takes_effect_at_the_next_action()
    {
        var board = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(board.Id, "Rae Engineer", ProjectRole.DataEngineer);
        var task = board.Tasks.Single(t => t.Title == "Data collection");

        await app.SendAsync(new ChangeMemberRolesCommand(board.Id, engineer.Id, [ProjectRole.Viewer]));

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start), engineer));
    }

    private static Func<AppFixture, World, Task<IMessage>> Sync(Func<World, IMessage> build) => (_, world) => Task.FromResult(build(world));

    private static async Task<uint> ProjectVersionAsync(AppFixture app, World w) => (await app.SendAsync(new ProjectSettingsQuery(w.Board.Key))).Version;

    private static PlanTaskCommand PlanOf(BoardTask task) => new()
    {
        TaskId = task.Id,
        Version = task.Version,
        Title = task.Title + " (planned)",
        Description = task.Description,
        PlannedStart = task.PlannedStart,
        Due = task.Due,
    };

    /// <summary>An open alert of a monitor of that kind on the project's deployed model.</summary>
    private static async Task<Alert> AlertAsync(AppFixture app, World w, MonitorKind kind)
    {
        var monitor = await app.MonitoredAsync(w.Board.Id, kind);
        await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 10)));
        return await app.WithDbAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.MonitorId == monitor));
    }

    private static async Task<(Guid Id, uint Version)> KpiAsync(AppFixture app, World w)
    {
        var id = await app.SendAsync(new AddKpiCommand(w.Board.Id, "Conversion rate", "%", 3.2, 5, TargetDirection.AtLeast));
        return (id, await app.WithDbAsync(db => db.Kpis.Where(k => k.Id == id).Select(k => k.Version).SingleAsync()));
    }

    private Task<(int Activity, int People, int Projects, int Webhooks)> SnapshotAsync() =>
        app.WithDbAsync(async db => (
            await db.Activity.CountAsync(),
            await db.People.CountAsync(p => p.IsActive),
            await db.Projects.CountAsync(),
            await db.WebhookSubscriptions.CountAsync() + await db.WebhookDeliveries.CountAsync()));

    /// <summary>A new project led by the fixture's lead, staffed with one person per role, plus people outside it.</summary>
    private async Task<World> WorldAsync()
    {
        _admin ??= await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        _systemViewer ??= await app.CreatePersonAsync("Vic Viewer", SystemRole.Viewer);
        if (_outsider is null)
        {
            var elsewhere = await app.CreateProjectAsync();
            _outsider = await app.CreateMemberAsync(elsewhere.Id, "Otto Outsider", ProjectRole.DataEngineer, ProjectRole.DataScientist, ProjectRole.MLEngineer);
        }

        var board = await app.CreateProjectAsync();
        var people = new Dictionary<Who, TestPerson?>
        {
            [Who.Admin] = _admin,
            [Who.Lead] = app.Lead,
            [Who.DataEngineer] = await app.CreateMemberAsync(board.Id, "Dan Engineer", ProjectRole.DataEngineer),
            [Who.DataScientist] = await app.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist),
            [Who.MLEngineer] = await app.CreateMemberAsync(board.Id, "Milo Ops", ProjectRole.MLEngineer),
            [Who.ProjectViewer] = await app.CreateMemberAsync(board.Id, "Pat Viewer", ProjectRole.Viewer),
            [Who.SystemViewer] = _systemViewer,
            [Who.Outsider] = _outsider,
            [Who.Anonymous] = null,
            [Who.Disabled] = await app.CreateMemberAsync(board.Id, "Dee Disabled", ProjectRole.DataEngineer, ProjectRole.TeamLead),
        };
        await app.SendAsync(new SetUserEnabledCommand(people[Who.Disabled]!.Id, Enabled: false), _admin);

        var spare = await app.CreatePersonAsync("Sam Spare");
        return new World(await app.BoardAsync(board.Key), people, spare);
    }

    public sealed record World(ProjectBoardDto Board, Dictionary<Who, TestPerson?> People, TestPerson Spare)
    {
        public BoardTask Task(string title) => Board.Tasks.Single(t => t.Title == title);
    }
}

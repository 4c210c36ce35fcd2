using DsProcess.Application.Dashboards;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Kpis;
using DsProcess.Domain.Handoffs;
using DsProcess.Domain.Integration;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Operations;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using DsProcess.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DsProcess.Application.Common.Interfaces;

/// <summary>The database as the use cases see it; no repositories in between.</summary>
public interface IAppDbContext
{
    DbSet<Person> People { get; }

    DbSet<ProjectMember> Members { get; }

    DbSet<Playbook> Playbooks { get; }

    DbSet<CustomRole> CustomRoles { get; }

    DbSet<Project> Projects { get; }

    DbSet<ProjectPhase> Phases { get; }

    DbSet<ProjectTask> Tasks { get; }

    DbSet<ActivityEntry> Activity { get; }

    DbSet<GateReview> GateReviews { get; }

    DbSet<Handoff> Handoffs { get; }

    DbSet<Notification> Notifications { get; }

    DbSet<EmailPreference> EmailPreferences { get; }

    DbSet<Dataset> Datasets { get; }

    DbSet<DatasetVersion> DatasetVersions { get; }

    DbSet<Experiment> Experiments { get; }

    DbSet<ModelVersion> ModelVersions { get; }

    DbSet<MetricTarget> MetricTargets { get; }

    DbSet<Deployment> Deployments { get; }

    DbSet<Pipeline> Pipelines { get; }

    DbSet<ModelMonitor> Monitors { get; }

    DbSet<Signal> Signals { get; }

    DbSet<Alert> Alerts { get; }

    DbSet<BusinessKpi> Kpis { get; }

    DbSet<ApiToken> ApiTokens { get; }

    DbSet<WebhookSubscription> WebhookSubscriptions { get; }

    DbSet<WebhookDelivery> WebhookDeliveries { get; }

    DbSet<WebhookAttempt> WebhookAttempts { get; }

    DbSet<DashboardProject> DashboardProjects { get; }

    DbSet<PortfolioCell> Portfolio { get; }

    DbSet<DashboardLead> DashboardLeads { get; }

    DbSet<RoleLoad> RoleLoads { get; }

    DbSet<PersonLoad> PersonLoads { get; }

    DbSet<ProjectRoleLoad> ProjectRoleLoads { get; }

    DbSet<ProjectPersonLoad> ProjectPersonLoads { get; }

    DbSet<FlowMetric> Flow { get; }

    DbSet<WeeklyThroughput> Throughput { get; }

    /// <summary>The flow metrics of some projects over the given periods, computed now (SQL function dashboard_flow_of).</summary>
    IQueryable<FlowMetric> FlowOf(int[] periods, Guid[] projectIds);

    /// <summary>Phases of some projects completed per week since a day, computed now (SQL function dashboard_throughput_of).</summary>
    IQueryable<WeeklyThroughput> ThroughputOf(DateOnly since, Guid[] projectIds);

    /// <summary>
    /// What matches the text-search query <paramref name="terms"/> (to_tsquery syntax), at most <paramref name="perKind"/>
    /// of each kind, in the projects <paramref name="reader"/> may read (SQL function search_everything).
    /// </summary>
    /// <param name="readsAll">The reader reads every project.</param>
    /// <param name="findsAllPeople">The reader finds every active person (and sees their e-mail), not only their teammates.</param>
    IQueryable<Search.SearchHit> Search(string terms, Guid reader, bool readsAll, bool findsAllPeople, int perKind);

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity)
        where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

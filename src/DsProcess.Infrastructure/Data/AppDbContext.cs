using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Dashboards;
using DsProcess.Application.Search;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
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
using DsProcess.Application.Webhooks;
using DsProcess.Infrastructure.Data.Configurations;
using DsProcess.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DsProcess.Infrastructure.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IAppDbContext, IDataProtectionKeyContext
{
    public DbSet<Person> People => Set<Person>();

    public DbSet<ProjectMember> Members => Set<ProjectMember>();

    public DbSet<Playbook> Playbooks => Set<Playbook>();

    public DbSet<CustomRole> CustomRoles => Set<CustomRole>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProjectPhase> Phases => Set<ProjectPhase>();

    public DbSet<ProjectTask> Tasks => Set<ProjectTask>();

    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();

    public DbSet<GateReview> GateReviews => Set<GateReview>();

    public DbSet<Handoff> Handoffs => Set<Handoff>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<EmailPreference> EmailPreferences => Set<EmailPreference>();

    /// <summary>E-mails waiting to be sent, and those sent (<see cref="Email.EmailWorker"/>).</summary>
    public DbSet<OutgoingEmail> OutgoingEmails => Set<OutgoingEmail>();

    public DbSet<Dataset> Datasets => Set<Dataset>();

    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();

    public DbSet<Experiment> Experiments => Set<Experiment>();

    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();

    public DbSet<MetricTarget> MetricTargets => Set<MetricTarget>();

    public DbSet<Deployment> Deployments => Set<Deployment>();

    public DbSet<Pipeline> Pipelines => Set<Pipeline>();

    public DbSet<ModelMonitor> Monitors => Set<ModelMonitor>();

    public DbSet<Signal> Signals => Set<Signal>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<BusinessKpi> Kpis => Set<BusinessKpi>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<DashboardProject> DashboardProjects => Set<DashboardProject>();

    public DbSet<PortfolioCell> Portfolio => Set<PortfolioCell>();

    public DbSet<DashboardLead> DashboardLeads => Set<DashboardLead>();

    public DbSet<RoleLoad> RoleLoads => Set<RoleLoad>();

    public DbSet<PersonLoad> PersonLoads => Set<PersonLoad>();

    public DbSet<ProjectRoleLoad> ProjectRoleLoads => Set<ProjectRoleLoad>();

    public DbSet<ProjectPersonLoad> ProjectPersonLoads => Set<ProjectPersonLoad>();

    public DbSet<FlowMetric> Flow => Set<FlowMetric>();

    public DbSet<WeeklyThroughput> Throughput => Set<WeeklyThroughput>();

    public IQueryable<FlowMetric> FlowOf(int[] periods, Guid[] projectIds) => FromExpression(() => FlowOf(periods, projectIds));

    public IQueryable<WeeklyThroughput> ThroughputOf(DateOnly since, Guid[] projectIds) => FromExpression(() => ThroughputOf(since, projectIds));

    public IQueryable<SearchHit> Search(string terms, Guid reader, bool readsAll, bool findsAllPeople, int perKind) =>
        FromExpression(() => Search(terms, reader, readsAll, findsAllPeople, perKind));

    /// <summary>API callers' Idempotency-Keys with the responses they got (<see cref="Api.IdempotentRequests"/>).</summary>
    public DbSet<Api.IdempotencyRecord> IdempotencyRecords => Set<Api.IdempotencyRecord>();

    /// <summary>Data protection keys, shared by every app instance so any of them can read another's cookies.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Saves the changes together with the activity entries and webhook events they produced, in one transaction, and
    /// turns database refusals into the application's exceptions.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CollectActivity();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The same as <see cref="SaveChangesAsync(bool, CancellationToken)"/>, for callers that only save synchronously (data protection keys).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CollectActivity();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateException ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        DashboardConfiguration.Configure(builder);
        builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(FlowOf))!).HasName("dashboard_flow_of");
        builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(ThroughputOf))!).HasName("dashboard_throughput_of");
        builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(Search))!).HasName("search_everything");
        builder.HasDbFunction(typeof(ReadSnapshot).GetMethod(nameof(ReadSnapshot.Current))!).HasName("dsprocess_read_snapshot");
    }

    /// <summary>The application's exception for a refusal the user can act on; null for anything else.</summary>
    private static Exception? Translate(DbUpdateException exception) => exception switch
    {
        DbUpdateConcurrencyException => new ConflictException(ConflictException.StaleEdit),
        { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique } => unique.ConstraintName switch
        {
            ProjectConfiguration.KeyIndex => new ValidationException(nameof(Project.Key), "That key is already used by another project."),
            PlaybookConfiguration.NameIndex => new ValidationException("name", "Someone added a playbook with that name meanwhile; choose another name."),
            CustomRoleConfiguration.Key => new ValidationException(nameof(CustomRole.Name), "There is already a role with that name (or one too alike); choose another."),
            PlaybookConfiguration.DraftIndex => new ConflictException("Someone started a draft of this playbook meanwhile. Nothing was added; open theirs."),
            PersonConfiguration.EmailIndex => new ValidationException(nameof(Person.Email), "Someone already uses that e-mail address."),
            DatasetConfiguration.NameIndex => new ValidationException(nameof(Dataset.Name), "This project already has a dataset with that name."),
            DatasetVersionConfiguration.LabelIndex => new ValidationException(nameof(DatasetVersion.Label), "This dataset already has a version with that label."),
            ModelVersionConfiguration.LabelIndex => new ValidationException(nameof(ModelVersion.Label), "This model already has a version with that label."),
            MetricTargetConfiguration.MetricIndex => new ConflictException("Someone else set a target for that metric and split meanwhile. Nothing was saved; look again and change theirs."),
            _ => new ConflictException("This was already saved by someone else. Nothing was changed."),
        },
        { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation, ConstraintName: ProjectConfiguration.PlaybookForeignKey } } =>
            new ConflictException("A project was started from this playbook meanwhile; archive it instead, so no new project does."),
        _ => null,
    };

    private void CollectActivity()
    {
        var entries = ChangeTracker.Entries().ToList();
        // Read before the activity is taken: events come from the entries and the entities that recorded them. A save
        // with nothing a webhook hears of adds nothing.
        Set<WebhookEvent>().AddRange(WebhookEventSources.Collect(entries));
        foreach (var entity in entries.Select(e => e.Entity).OfType<Entity>())
        {
            Activity.AddRange(entity.PendingActivity);
            entity.ClearPendingActivity();
        }
    }
}

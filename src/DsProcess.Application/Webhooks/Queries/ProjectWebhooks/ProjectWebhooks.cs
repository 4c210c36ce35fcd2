using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Projects;
using DsProcess.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Webhooks.Queries.ProjectWebhooks;

/// <summary>The project's Integrations page: its webhooks, for its team lead only.</summary>
public sealed record ProjectWebhooksQuery(string Key) : IQuery<ProjectWebhooksDto>;

public sealed record ProjectWebhooksDto(Guid ProjectId, string Key, string Name, IReadOnlyList<WebhookRow> Webhooks)
{
    /// <summary>Another webhook may be added (a project has at most <see cref="WebhookSubscription.MaxPerProject"/>).</summary>
    public bool CanAdd => Webhooks.Count < WebhookSubscription.MaxPerProject;
}

/// <param name="Queued">Events waiting to be delivered (being retried, or kept while paused).</param>
public sealed record WebhookRow(
    Guid Id,
    string Url,
    IReadOnlyList<WebhookEventType> Events,
    WebhookSubscriptionState State,
    string? PausedReason,
    int ConsecutiveFailures,
    DateTimeOffset? RetryAt,
    string CreatedByName,
    DateTimeOffset CreatedAt,
    int Queued,
    uint Version);

public sealed class ProjectWebhooksQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectWebhooksQuery, ProjectWebhooksDto>
{
    public async ValueTask<ProjectWebhooksDto> Handle(ProjectWebhooksQuery query, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking()
            .WithKey(query.Key)
            .Select(p => new { p.Id, p.Key, p.Name })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", query.Key);
        (await access.ToProjectAsync(project.Id, cancellationToken)).EnsureCanManageIntegrations();

        var webhooks = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.ProjectId == project.Id)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new WebhookRow(
                s.Id,
                s.Url,
                s.EventTypes,
                s.State,
                s.PausedReason,
                s.ConsecutiveFailures,
                s.RetryAt,
                s.CreatedByName,
                s.CreatedAt,
                db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.DeliveredAt == null),
                s.Version))
            .ToListAsync(cancellationToken);
        return new ProjectWebhooksDto(project.Id, project.Key, project.Name, webhooks);
    }
}

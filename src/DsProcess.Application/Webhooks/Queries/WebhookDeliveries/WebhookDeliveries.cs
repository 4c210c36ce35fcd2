using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Models;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Webhooks.Queries.WebhookDeliveries;

/// <summary>One page of a project's webhook delivery log, newest event first, each with its latest attempts.</summary>
public sealed record WebhookDeliveriesQuery(Guid ProjectId, int Page = 1, int PageSize = 20) : IQuery<PagedList<DeliveryRow>>;

public enum DeliveryState
{
    Delivered,

    /// <summary>Not delivered yet: waiting for its first attempt or its next one.</summary>
    Queued,

    /// <summary>Not delivered and its webhook is paused: it goes out when the webhook resumes.</summary>
    Held,
}

/// <param name="Attempts">The delivery's latest attempts, newest first (at most <see cref="WebhookDeliveriesQueryHandler.AttemptsShown"/>).</param>
public sealed record DeliveryRow(
    Guid Id,
    Guid EventId,
    WebhookEventType Type,
    string Url,
    DateTimeOffset OccurredAt,
    DeliveryState State,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    int? StatusCode,
    int? DurationMs,
    string? Error,
    IReadOnlyList<AttemptRow> Attempts);

public sealed record AttemptRow(int Number, DateTimeOffset At, int? StatusCode, int DurationMs, string? Error);

public sealed class WebhookDeliveriesQueryHandler(IAppDbContext db, Access access) : IQueryHandler<WebhookDeliveriesQuery, PagedList<DeliveryRow>>
{
    public const int AttemptsShown = 5;

    public async ValueTask<PagedList<DeliveryRow>> Handle(WebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        (await access.ToProjectAsync(query.ProjectId, cancellationToken)).EnsureCanManageIntegrations();
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.ProjectId == query.ProjectId);
        var total = await deliveries.CountAsync(cancellationToken);
        var rows = await deliveries
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Join(db.WebhookSubscriptions, d => d.SubscriptionId, s => s.Id, (d, s) => new
            {
                d.Id,
                d.EventId,
                d.Type,
                s.Url,
                d.OccurredAt,
                d.DeliveredAt,
                Paused = s.State == WebhookSubscriptionState.Paused,
                d.Attempts,
                d.NextAttemptAt,
                d.LastStatusCode,
                d.LastDurationMs,
                d.LastError,
                Log = db.WebhookAttempts
                    .Where(a => a.DeliveryId == d.Id)
                    .OrderByDescending(a => a.Number)
                    .Take(AttemptsShown)
                    .Select(a => new AttemptRow(a.Number, a.At, a.StatusCode, a.DurationMs, a.Error))
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        return new PagedList<DeliveryRow>(
            [.. rows.Select(r => new DeliveryRow(
                r.Id,
                r.EventId,
                r.Type,
                r.Url,
                r.OccurredAt,
                r.DeliveredAt is not null ? DeliveryState.Delivered : r.Paused ? DeliveryState.Held : DeliveryState.Queued,
                r.Attempts,
                r.DeliveredAt is null ? r.NextAttemptAt : null,
                r.LastStatusCode,
                r.LastDurationMs,
                r.LastError,
                r.Log))],
            total,
            query.Page,
            query.PageSize);
    }
}

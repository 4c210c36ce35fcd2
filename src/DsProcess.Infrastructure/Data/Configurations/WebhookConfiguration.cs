using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using DsProcess.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // The fan-out looks subscriptions up by project on every event of any project.
        builder.HasIndex(s => s.ProjectId);
        builder.Property(s => s.Url).HasMaxLength(Limits.Uri);
        builder.Property(s => s.ProtectedSecret).HasMaxLength(2000);
        builder.Property(s => s.CreatedByName).HasMaxLength(Limits.PersonName);
        builder.Property(s => s.PausedReason).HasMaxLength(Limits.Reason);
        builder.Property(s => s.Version).IsRowVersion();
        builder.Ignore(s => s.PendingActivity);
        builder.Ignore(s => s.IsActive);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public const string DueIndex = "ix_webhook_deliveries_due";

    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // The worker's claim reads only undelivered rows, oldest due first; delivered rows never enter this index.
        builder.HasIndex(d => d.NextAttemptAt).HasDatabaseName(DueIndex).HasFilter("delivered_at IS NULL");
        // The delivery log: a project's rows, newest first.
        builder.HasIndex(d => new { d.ProjectId, d.CreatedAt });
        builder.HasIndex(d => d.SubscriptionId);
        builder.Property(d => d.ProjectKey).HasMaxLength(Limits.ProjectKeyMax);
        builder.Property(d => d.ProjectName).HasMaxLength(Limits.ProjectName);
        // Stored as sent: json keeps the text exactly (jsonb would reorder the keys).
        builder.Property(d => d.Payload).HasColumnType("json");
        builder.Property(d => d.LastError).HasMaxLength(WebhookAttempt.MaxError);
        builder.Property(d => d.Version).IsRowVersion();
        builder.Ignore(d => d.IsDelivered);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.DeliveryId, a.Number });
        builder.Property(a => a.Error).HasMaxLength(WebhookAttempt.MaxError);
    }
}

/// <summary>
/// Events are inserted into a view, <see cref="IntakeView"/>, whose INSTEAD OF trigger (in the migration) inserts one
/// outbox row per subscription of the event's project to its type and stores nothing itself. So an event costs one
/// more statement in the batch EF already sends (no round trip of its own), the subscriptions are read inside the
/// transaction that makes the change, and a project without subscriptions keeps nothing.
/// </summary>
internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public const string IntakeView = "webhook_event_intake";

    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable(IntakeView, t => t.ExcludeFromMigrations());
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Payload).HasColumnType("json");
    }
}

using DsProcess.Domain.Common;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.RecipientId);
        builder.HasIndex(n => new { n.RecipientId, n.CreatedAt });
        builder.Property(n => n.Text).HasMaxLength(Limits.NotificationText);
        builder.Property(n => n.Link).HasMaxLength(500);
        // The digest's work list: notifications waiting for their recipient's next digest.
        builder.HasIndex(n => n.CreatedAt).HasFilter("email = 2 AND digested_at IS NULL").HasDatabaseName("ix_notifications_digest_due");
    }
}

internal sealed class EmailPreferenceConfiguration : IEntityTypeConfiguration<EmailPreference>
{
    public void Configure(EntityTypeBuilder<EmailPreference> builder)
    {
        builder.ToTable("email_preferences");
        builder.HasKey(e => new { e.PersonId, e.Kind });
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> builder)
    {
        builder.ToTable("outgoing_emails");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.To).HasMaxLength(Limits.Email);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.LastError).HasMaxLength(500);
        // The sender's lease (EmailWorker): which instance holds the row, until when.
        builder.Property<DateTimeOffset?>("LockedUntil");
        builder.Property<Guid?>("LeaseToken");
        builder.HasIndex(e => e.NextAttemptAt).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outgoing_emails_due");
    }
}

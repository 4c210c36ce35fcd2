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
    }
}

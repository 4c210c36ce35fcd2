using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class ActivityEntryConfiguration : IEntityTypeConfiguration<ActivityEntry>
{
    public void Configure(EntityTypeBuilder<ActivityEntry> builder)
    {
        builder.ToTable("activity");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId);
        builder.HasIndex(a => new { a.ProjectId, a.At });
        builder.Property(a => a.ActorName).HasMaxLength(Limits.ActorName);
        builder.Property(a => a.Subject).HasMaxLength(Limits.TaskTitle + Limits.ChecklistText);
        builder.Property(a => a.From).HasMaxLength(200);
        builder.Property(a => a.To).HasMaxLength(1000);
        builder.Property(a => a.Reason).HasMaxLength(Limits.Reason);
    }
}

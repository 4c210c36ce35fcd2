using DsProcess.Domain.Common;
using DsProcess.Domain.Handoffs;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class HandoffConfiguration : IEntityTypeConfiguration<Handoff>
{
    public void Configure(EntityTypeBuilder<Handoff> builder)
    {
        builder.ToTable("handoffs");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(h => h.ProjectId);
        builder.HasIndex(h => new { h.ProjectId, h.AcknowledgedAt });
        builder.HasIndex(h => h.ToTaskId);
        builder.Property(h => h.FromTaskTitle).HasMaxLength(Limits.TaskTitle);
        builder.Property(h => h.ToTaskTitle).HasMaxLength(Limits.TaskTitle);
        builder.Property(h => h.HandedOverByName).HasMaxLength(Limits.ActorName);
        builder.Property(h => h.AcknowledgedByName).HasMaxLength(Limits.ActorName);
        builder.Property(h => h.Note).HasMaxLength(Limits.Reason);
        builder.Property(h => h.Version).IsRowVersion();
        builder.OwnsMany(h => h.Versions, version => version.ToJson());
        builder.Ignore(h => h.PendingActivity);
        builder.Ignore(h => h.IsOpen);
    }
}

using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class ProjectPhaseConfiguration : IEntityTypeConfiguration<ProjectPhase>
{
    public void Configure(EntityTypeBuilder<ProjectPhase> builder)
    {
        builder.ToTable("project_phases");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => new { p.ProjectId, p.Kind }).IsUnique();
        builder.Property(p => p.Purpose).HasMaxLength(1000);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasMany(p => p.Tasks).WithOne(t => t.Phase).HasForeignKey(t => t.PhaseId);
        builder.Ignore(p => p.PendingActivity);
        builder.Ignore(p => p.Name);
        builder.Ignore(p => p.OpenRequiredTasks);
        builder.Ignore(p => p.OpenRequiredCriteria);
        builder.Ignore(p => p.WorkingRoles);
        builder.Ignore(p => p.AutomaticCriteria);

        // The gate's criteria change with their phase, under the phase's concurrency token.
        builder.OwnsMany(p => p.Gate, gate => gate.ToJson());
        builder.HasOne(p => p.LatestReview).WithMany().HasForeignKey(p => p.LatestReviewId).OnDelete(DeleteBehavior.SetNull);
    }
}

using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class GateReviewConfiguration : IEntityTypeConfiguration<GateReview>
{
    public void Configure(EntityTypeBuilder<GateReview> builder)
    {
        builder.ToTable("gate_reviews");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId);
        builder.HasOne<ProjectPhase>().WithMany().HasForeignKey(r => r.PhaseId);
        builder.HasIndex(r => new { r.PhaseId, r.SubmittedAt });
        builder.HasIndex(r => r.DecidedAt);
        builder.Property(r => r.SubmittedByName).HasMaxLength(Limits.ActorName);
        builder.Property(r => r.DecidedByName).HasMaxLength(Limits.ActorName);
        builder.Property(r => r.Note).HasMaxLength(Limits.Reason);
        builder.Property(r => r.DecisionReason).HasMaxLength(Limits.Reason);
        builder.Property(r => r.Version).IsRowVersion();

        // Written once by the approval; the labels are copies, so later changes to the evidence never reach it.
        builder.OwnsMany(r => r.ApprovedEvidence, evidence => evidence.ToJson());
    }
}

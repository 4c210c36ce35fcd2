using DsProcess.Domain.Common;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public const string PlaybookForeignKey = "fk_projects_playbooks_playbook_id";

    public const string KeyIndex = "ix_projects_key";

    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Key).HasMaxLength(Limits.ProjectKeyMax);
        builder.HasIndex(p => p.Key).IsUnique().HasDatabaseName(KeyIndex);
        builder.Property(p => p.Name).HasMaxLength(Limits.ProjectName);
        builder.Property(p => p.Objective).HasMaxLength(Limits.Objective);
        builder.Property(p => p.StatusReason).HasMaxLength(Limits.Reason);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasOne<Playbook>().WithMany().HasForeignKey(p => p.PlaybookId).OnDelete(DeleteBehavior.Restrict).HasConstraintName(PlaybookForeignKey);
        builder.HasMany(p => p.Phases).WithOne(p => p.Project).HasForeignKey(p => p.ProjectId);
        builder.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.ProjectId);
        builder.Ignore(p => p.Tasks);
        builder.Ignore(p => p.PhasesNotStarted);
        builder.Ignore(p => p.PendingActivity);
    }
}

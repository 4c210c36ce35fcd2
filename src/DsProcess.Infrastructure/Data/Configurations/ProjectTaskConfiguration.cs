using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class ProjectTaskConfiguration : IEntityTypeConfiguration<ProjectTask>
{
    public void Configure(EntityTypeBuilder<ProjectTask> builder)
    {
        builder.ToTable("project_tasks");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId);
        builder.HasIndex(t => new { t.ProjectId, t.Status });
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(t => t.AssigneeId);
        builder.HasOne(t => t.OpenHandoff).WithMany().HasForeignKey(t => t.OpenHandoffId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(t => t.Title).HasMaxLength(Limits.TaskTitle);
        builder.Property(t => t.Description).HasMaxLength(Limits.TaskDescription);
        builder.Property(t => t.StatusReason).HasMaxLength(Limits.Reason);
        builder.Property(t => t.Version).IsRowVersion();

        // The checklist always changes with its task, under the task's concurrency token.
        builder.OwnsMany(t => t.Checklist, item => item.ToJson());
        builder.Ignore(t => t.PendingActivity);
        builder.Ignore(t => t.IsFinished);
        builder.Ignore(t => t.WorkingRoles);
        builder.HasIndex(t => t.PhaseId);
    }
}

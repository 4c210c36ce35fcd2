using DsProcess.Domain.Common;
using DsProcess.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class PlaybookConfiguration : IEntityTypeConfiguration<Playbook>
{
    public const string NameIndex = "ix_playbooks_name";

    /// <summary>A playbook has at most one draft: two people starting one at once get a conflict, not two drafts.</summary>
    public const string DraftIndex = "ix_playbooks_draft";

    public void Configure(EntityTypeBuilder<Playbook> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(Limits.PlaybookName);
        builder.Property(p => p.Description).HasMaxLength(Limits.PlaybookDescription);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => new { p.Name, p.Number }).IsUnique().HasDatabaseName(NameIndex);
        builder.HasIndex(p => new { p.Lineage, p.Number }).IsUnique();
        builder.HasIndex(p => p.Lineage).IsUnique().HasFilter("is_draft").HasDatabaseName(DraftIndex);
        builder.Ignore(p => p.PendingActivity);
        builder.Ignore(p => p.Label);
        builder.Ignore(p => p.TaskCount);

        // A playbook is read and written whole, so its phases, tasks and checklists live in one JSON document.
        builder.OwnsMany(p => p.Phases, phase =>
        {
            phase.ToJson();
            phase.Ignore(p => p.Automatic);
            phase.OwnsMany(p => p.Tasks, task => task.OwnsMany(t => t.Checklist));
        });
    }
}

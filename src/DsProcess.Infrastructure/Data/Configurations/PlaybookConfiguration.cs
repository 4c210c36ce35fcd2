using DsProcess.Domain.Common;
using DsProcess.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class PlaybookConfiguration : IEntityTypeConfiguration<Playbook>
{
    public const string NameIndex = "ix_playbooks_name";

    public void Configure(EntityTypeBuilder<Playbook> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(Limits.PlaybookName);
        builder.Property(p => p.Description).HasMaxLength(Limits.PlaybookDescription);
        builder.HasIndex(p => p.Name).IsUnique().HasDatabaseName(NameIndex);
        builder.Ignore(p => p.PendingActivity);

        // A playbook is read and written whole, so its phases, tasks and checklists live in one JSON document.
        builder.OwnsMany(p => p.Phases, phase =>
        {
            phase.ToJson();
            phase.OwnsMany(p => p.Tasks, task => task.OwnsMany(t => t.Checklist));
        });
    }
}

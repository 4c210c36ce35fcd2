using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public const string EmailIndex = "ix_people_email";

    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.DisplayName).HasMaxLength(Limits.PersonName);
        builder.Property(p => p.Email).HasMaxLength(Limits.Email);
        builder.HasIndex(p => p.Email).IsUnique().HasDatabaseName(EmailIndex);
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<Person>(p => p.Id).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.PendingActivity);
        builder.Ignore(p => p.CanCreateProjects);
        builder.Ignore(p => p.ReadsEverything);
    }
}

using DsProcess.Domain.Common;
using DsProcess.Domain.Integration;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId);
        builder.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId);
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasIndex(t => t.PersonId);
        builder.HasIndex(t => t.ProjectId);
        builder.Property(t => t.Name).HasMaxLength(Limits.TokenName);
        builder.Property(t => t.Prefix).HasMaxLength(20);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.Ignore(t => t.PendingActivity);
    }
}

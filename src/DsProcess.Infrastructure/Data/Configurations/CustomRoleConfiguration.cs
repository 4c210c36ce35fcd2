using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class CustomRoleConfiguration : IEntityTypeConfiguration<CustomRole>
{
    /// <summary>The role's number comes from its name, so a second role of the same name (in any case) hits this key.</summary>
    public const string Key = "pk_custom_roles";

    public void Configure(EntityTypeBuilder<CustomRole> builder)
    {
        builder.HasKey(r => r.Role).HasName(Key);
        builder.Property(r => r.Role).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(Limits.RoleName);
        builder.Property(r => r.Description).HasMaxLength(Limits.RoleDescription);
    }
}

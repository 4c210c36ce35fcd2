using DsProcess.Application.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

/// <summary>The rows of the SQL function <c>search_everything</c> (migration <c>Search</c>); no table holds them.</summary>
internal sealed class SearchHitConfiguration : IEntityTypeConfiguration<SearchHit>
{
    public void Configure(EntityTypeBuilder<SearchHit> builder)
    {
        builder.HasNoKey();
        builder.ToTable((string?)null);
    }
}

using DsProcess.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DsProcess.Infrastructure.Data.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const string Table = "api_idempotency_keys";

    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable(Table);

        // The key: a duplicate waits on this index for the first request's transaction, then replays its response.
        builder.HasKey(r => new { r.CallerId, r.Key });
        builder.Property(r => r.CallerId).HasMaxLength(IdempotentRequests.MaxCallerLength);
        builder.Property(r => r.Key).HasMaxLength(IdempotentRequests.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.Property(r => r.ETag).HasColumnName("etag").HasMaxLength(100);
        builder.HasIndex(r => r.CreatedAt);
    }
}

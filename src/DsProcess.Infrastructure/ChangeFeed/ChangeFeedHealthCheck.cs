using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DsProcess.Infrastructure.ChangeFeed;

/// <summary>
/// Degraded while the change feed is not listening: the instance still serves pages and commands, but other
/// instances' changes reach its screens only once the feed has reconnected and caught up.
/// </summary>
internal sealed class ChangeFeedHealthCheck(PostgresChangeFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(feed.IsListening
            ? HealthCheckResult.Healthy("Listening for changes.")
            : HealthCheckResult.Degraded(
                "The change feed is not listening to PostgreSQL: screens miss live updates until it reconnects and catches up."));
}

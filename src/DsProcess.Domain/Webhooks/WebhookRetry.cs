namespace DsProcess.Domain.Webhooks;

/// <summary>
/// When a failing receiver is tried again: after the n-th consecutive failure, <c>base · 2^(n-1)</c>, capped, and
/// spread by ±20% so that receivers failing together are not all retried in the same second.
/// </summary>
public static class WebhookRetry
{
    public const double Jitter = 0.2;

    /// <param name="failures">Consecutive failed attempts so far, at least 1.</param>
    /// <param name="random">A number in [0, 1): where the delay falls within the jitter.</param>
    public static TimeSpan DelayAfter(int failures, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var nominal = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        var spread = 1 - Jitter + (2 * Jitter * Math.Clamp(random, 0, 1));
        return TimeSpan.FromMilliseconds(nominal * spread);
    }
}

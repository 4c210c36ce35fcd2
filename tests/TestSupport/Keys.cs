namespace DsProcess.Tests;

/// <summary>Unique project keys, so tests sharing a database never collide.</summary>
public static class Keys
{
    private static int _next = Random.Shared.Next(1000, 9000);

    public static string Next(string prefix = "T") => $"{prefix}{Interlocked.Increment(ref _next)}";
}

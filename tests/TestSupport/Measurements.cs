namespace DsProcess.Tests;

/// <summary>Numbers the tests observe along the way (not asserted), kept in artifacts/measurements.txt for the record.</summary>
public static class Measurements
{
    private static readonly Lock Gate = new();

    public static void Record(string what, double value, string unit)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts");
        Directory.CreateDirectory(folder);
        lock (Gate)
        {
            File.AppendAllText(
                Path.Combine(folder, "measurements.txt"),
                $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\t{what}\t{value:0.#}\t{unit}{Environment.NewLine}");
        }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DsProcess.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}

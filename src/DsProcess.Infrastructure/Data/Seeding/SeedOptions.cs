namespace DsProcess.Infrastructure.Data.Seeding;

public sealed class SeedOptions
{
    public const string Section = "DsProcess:Seed";

    /// <summary>Adds a few demo projects at different phases to an empty database. Never enable in production.</summary>
    public bool DemoData { get; set; }
}

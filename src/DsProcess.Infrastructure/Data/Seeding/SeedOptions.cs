using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Data.Seeding;

public sealed class SeedOptions
{
    public const string Section = "DsProcess:Seed";

    /// <summary>Adds a few demo projects and accounts to an empty database. Refused outside Development.</summary>
    public bool DemoData { get; set; }
}

/// <summary>
/// Refuses demo data outside the Development environment, at start-up: the demo accounts' passwords are published
/// in the README, so an installation that seeded them would let anyone sign in as its admin.
/// </summary>
internal sealed class DemoDataOnlyInDevelopment(IHostEnvironment environment) : IValidateOptions<SeedOptions>
{
    public ValidateOptionsResult Validate(string? name, SeedOptions options) =>
        !options.DemoData || environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{SeedOptions.Section}:{nameof(SeedOptions.DemoData)} is on, but the app runs in the \"{environment.EnvironmentName}\" "
                + "environment. Demo data creates accounts whose passwords are published in the README, so it is only allowed in "
                + "Development. Switch it off (remove DsProcess__Seed__DemoData or set it to false); to try the demo on your own "
                + "machine, use ./build.sh run, which runs the app as Development.");
}

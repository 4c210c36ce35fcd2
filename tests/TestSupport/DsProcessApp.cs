using DsProcess.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace DsProcess.Tests;

/// <summary>The real web app on a test database; optionally served by Kestrel on a free port for a browser.</summary>
public sealed class DsProcessApp : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly CapturedLog? _log;

    /// <param name="environment">The host environment; demo data, for one, is only allowed in Development.</param>
    /// <param name="log">Receives every log event from Information up, instead of the tests' usual errors only.</param>
    public DsProcessApp(
        string connectionString,
        bool serveOverHttp = false,
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Testing",
        CapturedLog? log = null)
    {
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string?>();
        _environment = environment;
        _log = log;
        if (serveOverHttp)
        {
            UseKestrel(0);
            StartServer();
        }
    }

    /// <summary>Where Kestrel listens, for a browser (only when served over HTTP).</summary>
    public Uri BaseAddress =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseStaticWebAssets();
        builder.UseSetting($"ConnectionStrings:{DependencyInjection.ConnectionStringName}", _connectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", _log is null ? "Error" : "Information");
        builder.UseSetting("DsProcess:Auth:RevalidationInterval", "00:00:02");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Tests create hundreds of accounts; password hashing at production strength would dominate their time.
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
        if (_log is not null)
        {
            // Program.cs reads Serilog sinks from the container.
            builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(_log));
        }
    }
}

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
    private readonly Action<IServiceCollection>? _services;
    private readonly string _environment;
    private readonly LogEvents? _log;

    /// <param name="services">Adds to the app's services, after its own: a test's stand-ins, an interceptor.</param>
    /// <param name="environment">The host environment; demo data, for one, is only allowed in Development.</param>
    /// <param name="log">Receives every log event from Information up, instead of the tests' usual errors only.</param>
    public DsProcessApp(
        string connectionString,
        bool serveOverHttp = false,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string environment = "Testing",
        LogEvents? log = null)
    {
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
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

        // Tests run the monitor rework sweep themselves, unless a test of the sweeper sets its own interval.
        builder.UseSetting("DsProcess:Operations:ReworkSweepInterval", "1.00:00:00");

        // Webhook events stay queued where a test looks at them; the tests of delivery turn it on.
        builder.UseSetting("DsProcess:Webhooks:Deliver", "false");

        // Browser tests sign in often, all from loopback; the tests of the limits set their own.
        builder.UseSetting("DsProcess:Auth:AttemptsPerAddress", "100000");
        builder.UseSetting("DsProcess:Auth:AttemptsPerAccount", "100000");

        // Nothing is exported from tests, even where the machine's environment names a collector; the tests of the
        // export set their own endpoint.
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Tests create hundreds of accounts; password hashing at production strength would dominate their time.
        builder.ConfigureServices(services =>
        {
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            if (_log is not null)
            {
                // Program.cs reads Serilog sinks from the container.
                services.AddSingleton<ILogEventSink>(_log);
            }

            _services?.Invoke(services);
        });
    }
}

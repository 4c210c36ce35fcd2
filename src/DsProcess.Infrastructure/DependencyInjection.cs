using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Tokens;
using DsProcess.Application.Operations.Monitors.ReworkSweep;
using DsProcess.Infrastructure.ChangeFeed;
using DsProcess.Infrastructure.Dashboards;
using DsProcess.Infrastructure.Operations;
using DsProcess.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using DsProcess.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using DsProcess.Infrastructure.Data.Seeding;
using DsProcess.Infrastructure.Email;
using DsProcess.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;

namespace DsProcess.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "DsProcess";

    /// <summary>
    /// Connections one app instance keeps at most in its pool, unless the connection string sets
    /// <c>Maximum Pool Size</c>. Each circuit runs one operation at a time, so this is far above what a team's
    /// clicks need at once, and small enough that several instances, each with this pool plus the change feed's own
    /// connection, stay within PostgreSQL's default <c>max_connections</c> of 100 (see the gates and live
    /// updates doc for the sum).
    /// </summary>
    public const int DefaultMaxPoolSize = 30;

    private const string MaxPoolSizeKeyword = "Maximum Pool Size";

    private const string NoResetOnCloseKeyword = "No Reset On Close";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = Tuned(configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"No PostgreSQL connection string: set ConnectionStrings:{ConnectionStringName} (or the environment variable ConnectionStrings__{ConnectionStringName})."));

        // Pooled: a request or an operation gets a reset context instead of building one with its internal services.
        services.AddDbContextPool<AppDbContext>((sp, options) => options
            .AddInterceptors(sp.GetRequiredService<EmailOutbox>(), sp.GetRequiredService<Api.CallerChanges>())
            .UseNpgsql(connectionString, npgsql => npgsql
                // A blip (a restart, a failover) is retried briefly: Npgsql drops its pooled connections when the server
                // goes away, so the retry connects afresh. A longer outage fails within seconds with a clear message
                // instead of keeping a screen waiting through a minute of back-off.
                .EnableRetryOnFailure(maxRetryCount: 2, maxRetryDelay: TimeSpan.FromSeconds(1), errorCodesToAdd: null)
                // One round trip per query, also for the board's nested collections; no query loads enough rows for a cartesian blow-up.
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .UseSnakeCaseNamingConvention());
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<Api.IdempotentRequests>();
        services.AddSingleton<CheckedTokens>();
        services.AddSingleton<Api.CallerChanges>();

        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SeedOptions>, DemoDataOnlyInDevelopment>();
        AddIdentity(services, configuration);
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PostgresChangeFeed>(sp, connectionString));
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<PostgresChangeFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeFeed>());
        services.Configure<DashboardOptions>(configuration.GetSection(DashboardOptions.Section));
        services.AddHostedService<DashboardRefresher>();
        services.Configure<OperationsOptions>(configuration.GetSection(OperationsOptions.Section));
        services.AddScoped<MonitorReworkSweep>();
        services.AddHostedService<MonitorReworkSweeper>();
        services.AddDataProtection().SetApplicationName("DsProcess").PersistKeysToDbContext<AppDbContext>();
        AddWebhooks(services, configuration, connectionString);
        AddEmail(services, configuration);
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database")
            .AddCheck<ChangeFeedHealthCheck>("change-feed");
        return services;
    }

    /// <summary>
    /// The pool's size (<see cref="DefaultMaxPoolSize"/>) and session settings for short, repeated queries, unless
    /// the connection string sets its own: JIT compilation off (the planner overestimates the board's JSON expansions, and compiling its plan took close
    /// to a second where running it takes milliseconds); statements used often prepared once per connection; and
    /// prepared statements run their generic plan; no parallel workers; no reset of a connection returned to the pool.
    /// Every query the app sends is parameterised and selective, and PostgreSQL's default kept planning some of them
    /// afresh on every call (over a millisecond each on the dashboard's waiting lists, more than running them) because
    /// its estimate for an unknown LIMIT looks costly. That same unknown LIMIT made the generic plan of the overdue
    /// tasks (ordered by due date, the page read from the start of an index) a parallel scan of every phase and a sort,
    /// 110 ms at 10,000 projects instead of 2: parallel workers pay off for scans of whole tables, which the app does
    /// not run on a request.
    /// </summary>
    private static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c jit=off -c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0";
        }

        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        // The app leaves no session state behind (no SET, session locks or LISTEN on pooled connections; the change
        // feed has its own), so a connection goes back to the pool without the seven reset statements that would
        // otherwise run before its next use: two uses per API call made fourteen statements of nothing.
        if (!builder.Keys.Contains(NoResetOnCloseKeyword, StringComparer.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        // Keys holds only what the connection string set, so a pool size chosen there stays (even Npgsql's 100).
        if (!builder.Keys.Contains(MaxPoolSizeKeyword, StringComparer.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>E-mail notifications: routed as notifications are saved, sent by a worker; both idle without an SMTP host.</summary>
    private static void AddEmail(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => o.DigestHourUtc is >= 0 and < 24, "DsProcess:Email:DigestHourUtc must be an hour from 0 to 23.")
            .Validate(o => !o.Enabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "DsProcess:Email:BaseUrl must be the app's full address, for the links in e-mails.")
            .ValidateOnStart();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<EmailWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailWorker>());
    }

    private static void AddWebhooks(IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.MaxAttempts >= 1 && o.BatchSize >= 1, "DsProcess:Webhooks:MaxAttempts and BatchSize must be at least 1.")
            .Validate(
                o => o.Lease > o.Timeout + WebhookDispatcher.LeaseMargin,
                "DsProcess:Webhooks:Lease must be longer than Timeout plus 5 seconds, or no attempt could be started under a lease.")
            .ValidateOnStart();
        services.AddSingleton<WebhookAddressGuard>();
        services.AddSingleton<IWebhookAddressGuard>(sp => sp.GetRequiredService<WebhookAddressGuard>());
        services.AddSingleton<WebhookSecretProtector>();
        services.AddSingleton<IWebhookSecretProtector>(sp => sp.GetRequiredService<WebhookSecretProtector>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var guard = sp.GetRequiredService<WebhookAddressGuard>();
                return new SocketsHttpHandler
                {
                    // A redirect or a proxy would take the request past the address check.
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    ConnectCallback = (context, cancellationToken) => guard.ConnectAsync(context.DnsEndPoint, cancellationToken),
                    // Connections are re-made (and their address checked again) every few minutes.
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                };
            })
            // The retries themselves are the worker's: their schedule is stored with each event, so a restart keeps it;
            // an in-memory retry would not. The pipeline bounds each attempt, connecting included.
            .AddResilienceHandler("webhook-attempt", (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<WebhookDispatcher>(sp, connectionString));
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
    }

    private static void AddIdentity(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AuthOptions.Section);
        services.Configure<AuthOptions>(section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = auth.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = auth.LockoutDuration;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PersonClaimsPrincipalFactory>();

        // The sign-in cookie re-checks its security stamp as often as an open tab does: signing out, a new password
        // or a disabled account then ends every other session, also for plain requests.
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<AuthOptions>>((options, authOptions) => options.ValidationInterval = authOptions.Value.RevalidationInterval);
        services.AddScoped<IIdentityService, IdentityService>();
    }
}

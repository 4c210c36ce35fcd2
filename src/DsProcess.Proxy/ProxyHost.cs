namespace DsProcess.Proxy;

/// <summary>
/// The reverse proxy in front of several DsProcess instances (YARP). Routes, the cluster's session affinity and its
/// health checks are in appsettings.json; the instances are its destinations, given by configuration
/// (<c>ReverseProxy__Clusters__app__Destinations__a__Address=http://app:8080</c>).
/// </summary>
public static class ProxyHost
{
    /// <param name="settings">Configuration over the proxy's own (tests give their instances' addresses here).</param>
    public static WebApplication Build(WebApplicationOptions options, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }
}

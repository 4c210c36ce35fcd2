using DsProcess.Application.Common.Diagnostics;
using Npgsql;

namespace DsProcess.Web.Tests;

/// <summary>A real browser's page load and circuit, as tracing and metrics report them.</summary>
public sealed class TelemetryBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    private const string ActiveCircuits = "aspnetcore.components.circuit.active";

    [Fact]
    public async Task An_open_page_counts_as_an_active_circuit_until_it_is_left_and_its_request_is_a_span_holding_its_messages_and_their_sql()
    {
        using var recorder = new TelemetryRecorder(App.Services, ["Microsoft.AspNetCore", "Npgsql", Telemetry.ActivitySourceName], [ActiveCircuits]);
        var database = new NpgsqlConnectionStringBuilder(App.ConnectionString).Database;
        var page = await OpenAsync(Browser.Wide);

        await Browser.SignInAsync(page, App.Lead, "/projects");

        // The gauge reports changes: opened circuits count up from the moment the test listens.
        await Eventually.TrueAsync(() => recorder.Measurements(ActiveCircuits).Sum(m => m.Value) >= 1);
        Assert.Contains(recorder.Stopped, sql =>
            sql.Source.Name == "Npgsql"
            && Equals(sql.GetTagItem("db.namespace") ?? sql.GetTagItem("db.name"), database)
            && TelemetryTests.Ancestors(sql).Any(a => a.Source.Name == Telemetry.ActivitySourceName)
            && TelemetryTests.Ancestors(sql).LastOrDefault() is { Source.Name: "Microsoft.AspNetCore", Kind: System.Diagnostics.ActivityKind.Server });

        // Leaving the page ends its circuit (Blazor tells the server as the page unloads).
        await page.GotoAsync("about:blank");
        await Eventually.TrueAsync(() => recorder.Measurements(ActiveCircuits).Sum(m => m.Value) == 0);
    }
}

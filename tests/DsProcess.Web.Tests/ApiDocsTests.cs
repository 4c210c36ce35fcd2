using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.Playwright;

namespace DsProcess.Web.Tests;

/// <summary>The API's contract: an OpenAPI 3 document of every /api/v1 endpoint, and its reference page under the CSP.</summary>
public sealed partial class ApiDocsTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task The_openapi_document_is_valid_openapi_3_and_lists_every_api_endpoint_of_the_app()
    {
        var (document, diagnostic) = await DocumentAsync();

        Assert.Empty(diagnostic.Errors);
        Assert.StartsWith("3.", diagnostic.SpecificationVersion.ToString().Replace("OpenApi", "", StringComparison.Ordinal).Replace('_', '.'), StringComparison.Ordinal);
        var documented = document.Paths
            .SelectMany(path => path.Value.Operations!.Select(operation => $"{operation.Key.Method.ToUpperInvariant()} {path.Key.TrimEnd('/')}"))
            .Order()
            .ToList();
        var mapped = App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => $"{method} {PathOf(e.RoutePattern.RawText!)}"))
            .Order()
            .ToList();
        Assert.True(mapped.Count >= 20, $"Only {mapped.Count} API endpoints were found; the search for them is broken.");
        Assert.Equal(mapped, documented);
    }

    [Fact]
    public async Task The_document_has_the_bearer_scheme_the_precondition_and_idempotency_headers_and_example_bodies()
    {
        var (document, _) = await DocumentAsync();

        var scheme = Assert.Single(document.Components!.SecuritySchemes!);
        Assert.Equal(SecuritySchemeType.Http, scheme.Value.Type);
        Assert.Equal("bearer", scheme.Value.Scheme);
        Assert.NotEmpty(document.Security!);
        var move = Operation(document, "MoveTask");
        var register = Operation(document, "RegisterModelVersion");
        Assert.Contains(move.Parameters!, p => p.Name == "If-Match" && p.In == ParameterLocation.Header && p.Required);
        Assert.Contains(move.Parameters!, p => p.Name == "Idempotency-Key" && !p.Required);
        Assert.Contains(register.Parameters!, p => p.Name == "Idempotency-Key");
        Assert.Equal("Done", move.RequestBody!.Content!["application/json"].Example!["move"]!.GetValue<string>());
        Assert.Equal("recall", register.RequestBody!.Content!["application/json"].Example!["metrics"]![0]!["name"]!.GetValue<string>());
        Assert.Contains(register.Responses!, r => r.Key == "201");
        var body = document.Components!.Schemas!["RegisterModelVersionRequest"];
        Assert.StartsWith("The experiment by name", body.Properties!["experiment"].Description, StringComparison.Ordinal);
        Assert.Contains(register.Responses!, r => r.Key == "422");
    }

    [Fact]
    public async Task The_reference_page_renders_under_a_content_security_policy_that_only_adds_its_script_nonce()
    {
        var page = await OpenAsync(Browser.Wide);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        var response = await page.GotoAsync("/api/docs");

        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        var policy = Assert.Single(response.Headers, h => h.Key == "content-security-policy").Value;
        Assert.Matches("^frame-ancestors 'self'; default-src 'self'; script-src 'self' 'nonce-[^']+'; style-src", policy);
        Assert.Contains("no-store", response.Headers["cache-control"], StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "DsProcess API" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open Group - Model versions" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Registers a trained model version" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registers a trained model version" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "api-docs-wide", fullPage: false);
        await page.SetViewportSizeAsync(Browser.Narrow.Width, Browser.Narrow.Height);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Registers a trained model version" }).ScrollIntoViewIfNeededAsync();
        await Browser.ScreenshotAsync(page, "api-docs-narrow", fullPage: false);
        Assert.Empty(violations);
    }

    private async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> DocumentAsync()
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        await using var json = await http.GetStreamAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var result = await OpenApiDocument.LoadAsync(json, "json");
        return (result.Document!, result.Diagnostic!);
    }

    private static OpenApiOperation Operation(OpenApiDocument document, string id) =>
        document.Paths.SelectMany(p => p.Value.Operations!.Values).Single(o => o.OperationId == id);

    /// <summary>A route as OpenAPI writes it: parameters without their constraints, no trailing slash.</summary>
    private static string PathOf(string route) => Constraint().Replace(route, "{$1}").TrimEnd('/');

    [GeneratedRegex(@"\{([^}:]+):[^}]+\}")]
    private static partial Regex Constraint();
}

using System.Text.Json.Nodes;
using DsProcess.Web.Endpoints.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace DsProcess.Web.Infrastructure;

/// <summary>
/// The API's contract: the OpenAPI document at <c>/openapi/v1.json</c> (the /api/v1 endpoints only, with the bearer
/// scheme, the If-Match and Idempotency-Key headers and example bodies) and its reference page at <c>/api/docs</c>.
/// </summary>
internal static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";

    public const string ReferencePath = "/api/docs";

    private const string BearerScheme = "Bearer";

    /// <summary>Example bodies of the operations a script is most likely to send, by operation id.</summary>
    private static readonly Dictionary<string, string> Examples = new()
    {
        ["RegisterModelVersion"] = """
            {
              "name": "Churn model",
              "label": "v7",
              "experiment": "Gradient boosting, 2026 features",
              "approach": "LightGBM",
              "trainedOn": ["0193e8a4-5b7c-7d2e-9f10-2a3b4c5d6e7f"],
              "evaluatedOn": ["0193e8a4-5b7c-7d2e-9f10-2a3b4c5d6e80"],
              "metrics": [
                { "name": "recall", "split": "Test", "value": 0.83 },
                { "name": "precision", "split": "Test", "value": 0.71 }
              ],
              "artefactUri": "s3://models/churn/v7"
            }
            """,
        ["MoveTask"] = """
            {
              "move": "Done",
              "note": "All pipeline tests pass on main.",
              "evidence": ["https://github.com/acme/churn/actions/runs/1234"]
            }
            """,
        ["ReplanProject"] = """
            {
              "targetDate": "2027-06-30",
              "reason": "The scoring data arrives a month late."
            }
            """,
        ["RecordSignals"] = """
            {
              "signals": [
                { "value": 0.81, "at": "2026-12-03T08:00:00Z" },
                { "value": 0.74, "at": "2026-12-03T08:05:00Z" }
              ]
            }
            """,
        ["AddMonitor"] = """
            {
              "modelVersionId": "0193e8a4-5b7c-7d2e-9f10-2a3b4c5d6e81",
              "kind": "ModelPerformance",
              "metric": "accuracy",
              "direction": "AtLeast",
              "threshold": 0.8,
              "severity": "Critical",
              "reworkAfterMinutes": 120
            }
            """,
    };

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "DsProcess API",
                    Version = "v1",
                    Description = "The commands and queries of the DsProcess screens over HTTP, with the same rules. " +
                        "Send a personal or project service token as `Authorization: Bearer <token>`.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token, created on your profile page (personal) or by a team lead (project service token).",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<RequiresIfMatchAttribute>().Any())
                {
                    AddHeader(operation, "If-Match", required: true, "The ETag of the version you read, such as \"42\" (with its quotes). Without it: 428; stale: 412.");
                }

                if (metadata.OfType<IdempotentAttribute>().Any())
                {
                    AddHeader(operation, Idempotency.Header, required: false,
                        "Any unique string (a UUID): a retry with the same key returns the first response and changes nothing again, for 24 hours.");
                }

                if (operation.OperationId is { } id && Examples.TryGetValue(id, out var example)
                    && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
                {
                    body.Example = JsonNode.Parse(example);
                }

                return Task.CompletedTask;
            });
        });

    public static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("DsProcess API")
                .WithOpenApiRoutePattern(DocumentPath)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .HideDeveloperTools()
                .HideClientButton()
                .WithNonce())
            .AllowAnonymous();
    }

    /// <summary>
    /// The reference page's Content-Security-Policy: the pages' own policy, with the page's per-request script nonce
    /// added to script-src for its one inline script. Blazor sends no policy here (not a component), so this is the only one.
    /// </summary>
    public static IApplicationBuilder UseApiDocsSecurityPolicy(this IApplicationBuilder app)
    {
        var policy = WebSecurity.FrameAncestorsAndPolicy(app.ApplicationServices.GetRequiredService<IConfiguration>());
        return app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(ReferencePath, StringComparison.OrdinalIgnoreCase))
            {
                http.Response.OnStarting(() =>
                {
                    var nonce = http.Items[ScalarOptions.NonceHttpContextItemKey] as string;
                    var scripts = nonce is null ? "script-src 'self'" : $"script-src 'self' 'nonce-{nonce}'";
                    http.Response.Headers.ContentSecurityPolicy =
                        "frame-ancestors " + policy.Replace("script-src 'self'", scripts, StringComparison.Ordinal);
                    return Task.CompletedTask;
                });
            }

            return next(http);
        });
    }

    private static void AddHeader(OpenApiOperation operation, string name, bool required, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = required,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}

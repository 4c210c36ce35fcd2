using System.Text;
using DsProcess.Application.Activity.Queries.ProjectTimeline;
using DsProcess.Application.Playbooks;
using DsProcess.Application.Playbooks.Queries.ExportPlaybook;
using DsProcess.Application.Reports.Queries.ProjectReport;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace DsProcess.Web.Endpoints;

internal static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Filters arrive from the address bar, so an undefined value is the caller's mistake, told per field.
        var exports = endpoints.MapGroup("/export").RequireAuthorization().WithProblemDetails();
        exports.MapGet("/projects/{key}/timeline.csv", TimelineAsync);
        exports.MapGet("/projects/{key}/report.md", ReportAsync);
        exports.MapDashboardExports();
        exports.MapGet("/playbooks/{id:guid}.json", PlaybookAsync);

        // The playbook format's schema is public: a file shared between organisations points at it.
        endpoints.MapGet(PlaybookSchemaPath, () => Results.Text(PlaybookDocument.Schema().ToJsonString(PlaybookDocument.Json), "application/schema+json"))
            .AllowAnonymous();
    }

    public const string PlaybookSchemaPath = "/schemas/playbook.json";

    /// <summary>A playbook as the JSON file another DsProcess imports.</summary>
    private static async Task<IResult> PlaybookAsync(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        var document = await sender.Send(new ExportPlaybookQuery(id), cancellationToken);
        return Results.File(Encoding.UTF8.GetBytes(document.Write()), "application/json", document.FileName());
    }

    private static async Task<IResult> TimelineAsync(
        string key,
        [FromQuery] PhaseKind? phase,
        [FromQuery] Guid? actor,
        [FromQuery] ActivityKind? kind,
        [FromQuery] int? iteration,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var entries = await sender.Send(new ExportTimelineQuery(key, new TimelineFilter(phase, actor, kind, iteration)), cancellationToken);
        return Csv.File(
            $"{key}-timeline.csv",
            ["at_utc", "iteration", "who", "what", "phase", "subject", "from", "to", "why"],
            entries.Select(e => Csv.Row(e.At, e.Iteration, e.ActorName, e.Kind, e.Phase is { } p ? DisplayNames.Of(p) : null, e.Subject, e.From, e.To, e.Reason)));
    }

    /// <summary>The project report as a Markdown download, from the same query as the report page.</summary>
    private static async Task<IResult> ReportAsync(string key, ISender sender, CancellationToken cancellationToken)
    {
        var report = await sender.Send(new ProjectReportQuery(key), cancellationToken);
        return Results.File(Encoding.UTF8.GetBytes(ProjectReportMarkdown.Write(report)), ProjectReportMarkdown.ContentType, ProjectReportMarkdown.FileName(report));
    }
}

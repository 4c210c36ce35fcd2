using DsProcess.Application.Activity.Queries.ProjectTimeline;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace DsProcess.Web.Endpoints;

internal static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var exports = endpoints.MapGroup("/export").RequireAuthorization();
        exports.MapGet("/projects/{key}/timeline.csv", TimelineAsync);
        exports.MapDashboardExports();
        exports.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (NotFoundException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
            }
            catch (ForbiddenException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
            catch (ValidationException ex)
            {
                // Filters arrive from the address bar, so an undefined value is the caller's mistake, told per field.
                return Results.ValidationProblem(ex.Errors.ToDictionary(), detail: ex.Message);
            }
            catch (DatabaseUnavailableException ex)
            {
                context.HttpContext.Response.Headers.RetryAfter = "10";
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
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
}

using System.ComponentModel;
using DsProcess.Application.Activity.Queries.ActivityPage;
using DsProcess.Application.Activity.Queries.ProjectTimeline;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Web.Endpoints.Api;

internal static class ActivityApi
{
    public static void MapActivityApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/projects/{key}/activity", ListAsync)
            .WithTags("Activity")
            .WithName("ListActivity")
            .WithSummary("A project's activity log, newest first, a page at a time; optionally one phase, kind, person or iteration")
            .ProducesValidationProblem();

    private static async Task<Page<TimelineEntry>> ListAsync(
        string key,
        ISender sender,
        [Description("Where to continue: the nextCursor of the previous page; leave out for the first page.")] string? cursor,
        PhaseKind? phase,
        ActivityKind? kind,
        [Description("Only changes by this person (their id).")] Guid? actor,
        int? iteration,
        CancellationToken cancellationToken,
        [Description("How many entries a page holds, 1 to 200.")] int limit = 50)
    {
        var page = await sender.Send(
            new ActivityPageQuery(key, new TimelineFilter(phase, actor, kind, iteration), Cursors.Decode<ActivityCursor>(cursor), limit),
            cancellationToken);
        return new Page<TimelineEntry>(page.Items, Cursors.Encode(page.Next));
    }
}

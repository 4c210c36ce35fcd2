using DsProcess.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DsProcess.Web.Endpoints.Api;

/// <summary>What a POST created: its id; the Location header says where to read it.</summary>
public sealed record CreatedResource(Guid Id);

/// <summary>
/// The REST API under <c>/api/v1</c>: the UI's own commands and queries over HTTP, so one path of rules, authorization
/// and validation serves both. Every endpoint takes a bearer token (or the browser's sign-in), answers errors as
/// problem details and counts against the caller's rate limit.
/// </summary>
internal static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static void MapApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(ApiAuthentication.Policy)
            .RequireRateLimiting(ApiRateLimits.Policy)
            .WithProblemDetails()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapProjectsApi();
        api.MapTasksApi();
        api.MapDatasetsApi();
        api.MapModelsApi();
        api.MapGatesApi();
        api.MapOperationsApi();
        api.MapActivityApi();
    }

    /// <summary>The 201 of a POST that made something readable at <paramref name="location"/>.</summary>
    public static Created<CreatedResource> Created(string location, Guid id) => TypedResults.Created(location, new CreatedResource(id));

    /// <summary>An update's refusals, documented once: bad input, a rule or a stale version, a missing If-Match.</summary>
    public static RouteHandlerBuilder ProducesUpdateProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    /// <summary>A creation's refusals: bad input, a rule, an Idempotency-Key reused for another request.</summary>
    public static RouteHandlerBuilder ProducesCreateProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

using DsProcess.Application.Common.Exceptions;
using DsProcess.Domain.Common;
using DsProcess.Infrastructure.Api;
using DsProcess.Web.Endpoints.Api;

namespace DsProcess.Web.Endpoints;

/// <summary>
/// Turns the application's refusals into RFC 9457 problem details, for every HTTP endpoint that sends through the
/// mediator (the exports and the API): each exception once, with its status, a type, a title and the message as detail.
/// </summary>
internal static class Problems
{
    /// <summary>Seconds a client waits before retrying while the database is unavailable.</summary>
    private const string RetryAfterOutage = "10";

    public static TBuilder WithProblemDetails<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception ex) when (For(context.HttpContext, ex) is { } problem)
            {
                return problem;
            }
        });

    /// <summary>The problem an exception is, or null when it is not one the caller can act on (a server error).</summary>
    public static IResult? For(HttpContext http, Exception exception)
    {
        switch (exception)
        {
            case ValidationException invalid:
                // Field names as the messages name them; input from the address or the body, told per field.
                return TypedResults.ValidationProblem(invalid.Errors.ToDictionary(), detail: invalid.Message);
            case DatabaseUnavailableException:
                http.Response.Headers.RetryAfter = RetryAfterOutage;
                return Problem(StatusCodes.Status503ServiceUnavailable, exception.Message);
            case ConflictException when exception.Message == ConflictException.StaleEdit && Preconditions.AreRequiredBy(http):
                // The If-Match version is no longer the row's: the precondition failed, in HTTP's words.
                return Problem(StatusCodes.Status412PreconditionFailed, exception.Message);
        }

        int? status = exception switch
        {
            ForbiddenException => StatusCodes.Status403Forbidden,
            NotFoundException => StatusCodes.Status404NotFound,
            ConflictException or DomainRuleException => StatusCodes.Status409Conflict,
            IdempotencyKeyReusedException => StatusCodes.Status422UnprocessableEntity,
            PreconditionRequiredException => StatusCodes.Status428PreconditionRequired,
            _ => null,
        };
        return status is { } code ? Problem(code, exception.Message) : null;
    }

    /// <summary>A problem with its status's type and title; RFC 9110 names most, RFC 6585 the rest.</summary>
    public static IResult Problem(int status, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: TitleOf(status), type: TypeOf(status));

    public static string TitleOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not Found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status412PreconditionFailed => "Precondition Failed",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable Content",
        StatusCodes.Status428PreconditionRequired => "Precondition Required",
        StatusCodes.Status429TooManyRequests => "Too Many Requests",
        StatusCodes.Status503ServiceUnavailable => "Service Unavailable",
        _ => ReasonPhrases(status),
    };

    public static string TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        StatusCodes.Status409Conflict => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        StatusCodes.Status412PreconditionFailed => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        StatusCodes.Status422UnprocessableEntity => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        StatusCodes.Status428PreconditionRequired => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        StatusCodes.Status429TooManyRequests => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        StatusCodes.Status503ServiceUnavailable => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}

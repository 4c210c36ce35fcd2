using DsProcess.Application.Common.Exceptions;
using Microsoft.AspNetCore.Components;

namespace DsProcess.Web.Components.Shared;

/// <summary>
/// Base of the pages of one project (board, team, timeline): when the application refuses to load the project,
/// the page shows why instead of failing. A key no project has shows the app's not-found page; a project the
/// user may not read shows <see cref="ProjectRefusalPanel"/>. On the first, prerendered request the response
/// carries 404 or 403.
/// </summary>
public abstract class ProjectPageBase : AppComponentBase
{
    [Parameter]
    public string Key { get; set; } = "";

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    // Set only while the page is rendered for an HTTP request (prerendering); null inside a live circuit.
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    /// <summary>Why the user may not open this project (the application's words), after a load was refused.</summary>
    protected string? Refusal { get; private set; }

    /// <summary>
    /// Runs a load of the project's data and returns whether it succeeded. A refusal replaces the page, also when it
    /// comes later (a reload after the user was taken off the team).
    /// </summary>
    protected async Task<bool> LoadProjectAsync(Func<Task> load)
    {
        try
        {
            await load();
            Refusal = null;
            return true;
        }
        catch (NotFoundException)
        {
            // The router shows its not-found page in place of this one, with a 404 while prerendering.
            Navigation.NotFound();
        }
        catch (ForbiddenException ex)
        {
            Refusal = ex.Message;
            if (HttpContext is { Response.HasStarted: false } http)
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
        }

        return false;
    }
}

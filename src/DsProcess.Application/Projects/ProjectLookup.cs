using DsProcess.Domain.Projects;

namespace DsProcess.Application.Projects;

internal static class ProjectLookup
{
    /// <summary>
    /// The project an address names. A key that cannot be a project's (lower case, too long, stray characters)
    /// matches nothing, so a mistyped address is "not found" and odd bytes never reach the database.
    /// </summary>
    public static IQueryable<Project> WithKey(this IQueryable<Project> projects, string key) =>
        Project.IsValidKey(key) ? projects.Where(p => p.Key == key) : projects.Where(_ => false);
}

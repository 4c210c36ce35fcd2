namespace DsProcess.Domain.Projects;

/// <summary>A person on a project's team, with the project roles they hold there.</summary>
public sealed class ProjectMember
{
    private ProjectMember()
    {
    }

    internal ProjectMember(Guid projectId, Guid personId, IEnumerable<ProjectRole> roles)
    {
        ProjectId = projectId;
        PersonId = personId;
        Roles = Normalize(roles);
    }

    public Guid ProjectId { get; private set; }

    public Guid PersonId { get; private set; }

    public List<ProjectRole> Roles { get; private set; } = [];

    public bool Holds(ProjectRole role) => Roles.Contains(role);

    internal void SetRoles(IEnumerable<ProjectRole> roles) => Roles = Normalize(roles);

    internal static List<ProjectRole> Normalize(IEnumerable<ProjectRole> roles) =>
        [.. roles.Where(CustomRoles.IsKnown).Distinct().Order()];
}

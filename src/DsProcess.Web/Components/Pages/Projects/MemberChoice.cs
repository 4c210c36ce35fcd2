using DsProcess.Domain.Projects;

namespace DsProcess.Web.Components.Pages.Projects;

/// <summary>What the member dialog returns: the chosen person (when adding) and their roles.</summary>
public sealed record MemberChoice(Guid? PersonId, IReadOnlyList<ProjectRole> Roles);

using DsProcess.Domain.Projects;
using FluentValidation;

namespace DsProcess.Application.Teams;

internal static class TeamRules
{
    public static void ProjectRoles<T>(this IRuleBuilder<T, IReadOnlyCollection<ProjectRole>> rule) =>
        rule.NotEmpty().WithMessage("Choose at least one role.")
            .Must(roles => roles is null || roles.All(CustomRoles.IsKnown)).WithMessage("Choose roles from the list.");
}

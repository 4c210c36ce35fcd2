using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Gates;

internal static class GateRules
{
    /// <summary>A phase's gate is worked (criteria ticked, submitted) by the roles owning its tasks, or a team lead.</summary>
    public static void EnsureCanWorkGate(this ProjectAccess me, ProjectPhase phase)
    {
        if (!me.CanWorkGate(phase.WorkingRoles))
        {
            throw new ForbiddenException(
                $"Only the {string.Join(", ", phase.WorkingRoles.Select(r => DisplayNames.Of(r).ToLowerInvariant()))} or the team lead can work on the {phase.Name} gate.");
        }
    }

    /// <summary>A gate is decided by a team lead, or by the role that receives the work (not for the outcome review).</summary>
    public static void EnsureCanDecide(this ProjectAccess me, Project project, ProjectPhase phase)
    {
        var deciding = project.DecidingRole(phase.Kind);
        if (!me.CanDecideGate(deciding))
        {
            throw new ForbiddenException(deciding is { } role
                ? $"Only a {DisplayNames.Of(role).ToLowerInvariant()} or the team lead can decide the {phase.Name} gate."
                : "Only the team lead decides the outcome review.");
        }
    }
}

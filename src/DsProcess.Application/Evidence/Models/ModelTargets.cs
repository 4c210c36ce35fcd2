using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Evidence.Models;

/// <summary>Judging a project's model versions against its targets, and telling the people who deploy when one newly passes.</summary>
internal static class ModelTargets
{
    /// <summary>
    /// Re-evaluates every model version of the project against <paramref name="targets"/> (the targets as they will be
    /// saved) and notifies the deployers of each version that newly meets them all (<see cref="ModelVersion.NewlyMeetsTargets"/>).
    /// </summary>
    public static async Task ReevaluateAllAsync(
        this IAppDbContext db, Notifier notifier, Guid projectId, IReadOnlyCollection<MetricTarget> targets, Guid? by, CancellationToken cancellationToken)
    {
        var models = await db.ModelVersions.Where(m => m.ProjectId == projectId).ToListAsync(cancellationToken);
        var newlyMeeting = new List<ModelVersion>();
        foreach (var model in models)
        {
            var before = model.MeetsTargets;
            model.EvaluateAgainst(targets);
            if (model.NewlyMeetsTargets(before))
            {
                newlyMeeting.Add(model);
            }
        }

        await db.NotifyMeetsTargetsAsync(notifier, projectId, newlyMeeting, by, cancellationToken);
    }

    public static async Task NotifyMeetsTargetsAsync(
        this IAppDbContext db, Notifier notifier, Guid projectId, IReadOnlyCollection<ModelVersion> newlyMeeting, Guid? by, CancellationToken cancellationToken)
    {
        if (newlyMeeting.Count == 0)
        {
            return;
        }

        var key = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Key).SingleAsync(cancellationToken);
        var deployerRoles = ProjectAccess.DeployerRoles.ToArray();
        var deployers = await db.Members
            .Where(m => m.ProjectId == projectId && m.Roles.Any(r => deployerRoles.Contains(r)))
            .Select(m => m.PersonId)
            .ToListAsync(cancellationToken);
        foreach (var model in newlyMeeting)
        {
            notifier.Notify(deployers, by, NotificationKind.ModelMeetsTargets, projectId, $"{model.DisplayName} ({key}) meets all targets.", Links.Models(key));
        }
    }
}

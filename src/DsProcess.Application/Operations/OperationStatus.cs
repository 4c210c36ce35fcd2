using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations;

/// <summary>What the operations use cases share: whether a model is live in production, and who hears of an alert.</summary>
public static class OperationStatus
{
    /// <summary>
    /// Whether the project has a live production deployment of a model version that is not retired, as saved, leaving
    /// out a deployment or a model version the current unit of work is ending or retiring.
    /// </summary>
    public static Task<bool> HasLiveProductionModelAsync(
        this IAppDbContext db, Guid projectId, CancellationToken cancellationToken, Guid? exceptDeploymentId = null, Guid? exceptModelVersionId = null) =>
        db.Deployments.AnyAsync(
            d => d.ProjectId == projectId && d.Environment == DeploymentEnvironment.Production && d.EndedAt == null
                && d.Id != exceptDeploymentId && d.ModelVersionId != exceptModelVersionId
                && db.ModelVersions.Any(m => m.Id == d.ModelVersionId && m.Stage != ModelStage.Retired),
            cancellationToken);

    /// <summary>
    /// Brings a completed project's status in step with production (<see cref="Project.ReflectOperation"/>);
    /// <paramref name="liveAdded"/> when the unit of work itself deploys a version to production.
    /// </summary>
    public static async Task ReflectOperationAsync(
        this IAppDbContext db,
        Project project,
        Actor by,
        DateTimeOffset at,
        CancellationToken cancellationToken,
        bool liveAdded = false,
        Guid? exceptDeploymentId = null,
        Guid? exceptModelVersionId = null)
    {
        if (!project.IsLifecycleComplete)
        {
            return;
        }

        var live = liveAdded || await db.HasLiveProductionModelAsync(project.Id, cancellationToken, exceptDeploymentId, exceptModelVersionId);
        project.ReflectOperation(live, by, at);
    }

    /// <summary>Tells the project's ML engineers, data scientists and team leads that alerts opened, except whoever sent the signals.</summary>
    public static async Task NotifyAlertsOpenedAsync(
        this IAppDbContext db, Notifier notifier, Guid projectId, IReadOnlyCollection<Alert> opened, Guid? except, CancellationToken cancellationToken)
    {
        if (opened.Count == 0)
        {
            return;
        }

        var key = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Key).SingleAsync(cancellationToken);
        var roles = ProjectAccess.TriageRoles.ToArray();
        var recipients = await db.Members
            .Where(m => m.ProjectId == projectId && m.Roles.Any(r => roles.Contains(r)))
            .Select(m => m.PersonId)
            .ToListAsync(cancellationToken);
        foreach (var alert in opened)
        {
            notifier.Notify(
                recipients,
                except,
                NotificationKind.AlertOpened,
                projectId,
                $"{alert.Severity} alert on {alert.ModelName} ({key}): {alert.Metric} is {alert.OpeningValue:0.###}, the rule is {alert.Rule}.",
                Links.Operations(key));
        }
    }
}

using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Queries.ModelsInAlert;

/// <summary>
/// The open alerts (under way, not triaged) of the projects the caller reads, most severe and oldest first: for My work
/// and the dashboard. <see cref="Take"/> rows at most.
/// </summary>
public sealed record ModelsInAlertQuery(int Take = 50) : IQuery<IReadOnlyList<ModelInAlertRow>>;

/// <param name="CanTriage">The caller may dismiss the alert or turn it into rework.</param>
public sealed record ModelInAlertRow(
    Guid AlertId,
    Guid ProjectId,
    string ProjectKey,
    string ProjectName,
    Guid ModelVersionId,
    string ModelName,
    MonitorKind Kind,
    string Metric,
    string Rule,
    AlertSeverity Severity,
    DateTimeOffset OpenedAt,
    double OpeningValue,
    bool CanTriage);

public sealed class ModelsInAlertQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ModelsInAlertQuery, IReadOnlyList<ModelInAlertRow>>
{
    public async ValueTask<IReadOnlyList<ModelInAlertRow>> Handle(ModelsInAlertQuery query, CancellationToken cancellationToken)
    {
        var person = await access.PersonAsync(cancellationToken);
        var alerts = db.Alerts.AsNoTracking().Where(a => a.ClosedAt == null && a.Triage == AlertTriage.None);
        if (await access.ReadableProjectIdsAsync(cancellationToken) is { } readable)
        {
            alerts = alerts.Where(a => readable.Contains(a.ProjectId));
        }

        var rows = await alerts
            .OrderByDescending(a => a.Severity).ThenBy(a => a.OpenedAt).ThenBy(a => a.Id)
            .Take(query.Take)
            .Join(db.Projects, a => a.ProjectId, p => p.Id, (a, p) => new
            {
                Alert = a,
                p.Key,
                p.Name,
                Roles = db.Members.Where(m => m.ProjectId == p.Id && m.PersonId == person.Id).Select(m => m.Roles).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return
        [
            .. rows
                .Select(r => new ModelInAlertRow(
                    r.Alert.Id,
                    r.Alert.ProjectId,
                    r.Key,
                    r.Name,
                    r.Alert.ModelVersionId,
                    r.Alert.ModelName,
                    r.Alert.Kind,
                    r.Alert.Metric,
                    r.Alert.Rule,
                    r.Alert.Severity,
                    r.Alert.OpenedAt,
                    r.Alert.OpeningValue,
                    RolesOf(r.Roles).Any(ProjectAccess.TriageRoles.Contains)))
                .OrderByDescending(r => r.Severity).ThenBy(r => r.OpenedAt).ThenBy(r => r.AlertId),
        ];
    }

    /// <summary>A service token stands for its one role in its own project (the only one it reads).</summary>
    private IReadOnlyCollection<ProjectRole> RolesOf(IReadOnlyCollection<ProjectRole>? memberRoles) =>
        access.Token is { IsService: true, Role: { } role } ? [role] : memberRoles ?? [];
}

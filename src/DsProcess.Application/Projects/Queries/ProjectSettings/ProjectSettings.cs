using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Projects.Queries.ProjectSettings;

/// <summary>A project's settings page: its details, status and version, and which settings the caller may change now.</summary>
public sealed record ProjectSettingsQuery(string Key) : IQuery<ProjectSettingsDto>;

/// <param name="StatusReason">Why the project is on hold or was cancelled.</param>
/// <param name="StatusSince">Since when it is on hold, or when it was cancelled.</param>
/// <param name="Version">The project's concurrency token, sent back with every change.</param>
public sealed record ProjectSettingsDto(
    Guid Id,
    string Key,
    string Name,
    string Objective,
    DateOnly StartDate,
    DateOnly TargetDate,
    ProjectStatus Status,
    string? StatusReason,
    DateTimeOffset? StatusSince,
    uint Version)
{
    /// <summary>The caller may edit the name and objective: a team lead, while the project is not cancelled.</summary>
    public bool CanEdit { get; init; }

    public bool CanReplan { get; init; }

    public bool CanPutOnHold { get; init; }

    public bool CanResume { get; init; }

    public bool CanCancel { get; init; }
}

public sealed class ProjectSettingsQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectSettingsQuery, ProjectSettingsDto>
{
    public async ValueTask<ProjectSettingsDto> Handle(ProjectSettingsQuery query, CancellationToken cancellationToken)
    {
        var person = await access.PersonAsync(cancellationToken);
        var row = await db.Projects.AsNoTracking()
            .WithKey(query.Key)
            .Select(p => new
            {
                Settings = new ProjectSettingsDto(p.Id, p.Key, p.Name, p.Objective, p.StartDate, p.TargetDate, p.Status, p.StatusReason, p.StatusSince, p.Version),
                Roles = p.Members.Where(m => m.PersonId == person.Id).Select(m => m.Roles).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", query.Key);
        var me = access.Standing(person, row.Settings.Id, row.Roles);
        var status = row.Settings.Status;
        return row.Settings with
        {
            CanEdit = me.CanPlan && WorkRules.TakesPlanning(status),
            CanReplan = me.CanPlan && WorkRules.CanBeReplanned(status),
            CanPutOnHold = me.CanPlan && WorkRules.CanBePutOnHold(status),
            CanResume = me.CanPlan && WorkRules.CanBeResumed(status),
            CanCancel = me.CanPlan && WorkRules.CanBeCancelled(status),
        };
    }
}

using DsProcess.Application.Common.Security;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Work.Queries.MyWork;

/// <summary>
/// The caller's open work across their active projects: tasks assigned to them (in phases not yet closed),
/// then unassigned tasks of the active phases that one of their roles owns.
/// </summary>
public sealed record MyWorkQuery : IQuery<MyWorkDto>;

/// <param name="ProjectIds">The projects the caller is on, whose changes can change this list.</param>
public sealed record MyWorkDto(IReadOnlyList<MyHandoff> Handoffs, IReadOnlyList<MyWorkItem> Items, IReadOnlyList<Guid> ProjectIds);

/// <summary>Work handed to the caller (as assignee of the receiving task, or holder of its role) and not yet acknowledged.</summary>
public sealed record MyHandoff(
    Guid Id,
    string ProjectKey,
    Guid ToTaskId,
    string ToTaskTitle,
    string FromTaskTitle,
    ProjectRole ToRole,
    string HandedOverByName,
    DateTimeOffset HandedOverAt,
    string? Note,
    IReadOnlyList<string> Links,
    IReadOnlyList<EvidenceRef> Versions);

public sealed record MyWorkItem(
    Guid TaskId,
    uint Version,
    string ProjectKey,
    string ProjectName,
    PhaseKind Phase,
    PhaseState PhaseState,
    string Title,
    ProjectTaskStatus Status,
    string? StatusReason,
    ProjectRole ResponsibleRole,
    bool IsOptional,
    bool IsAssignedToMe,
    DateOnly? Due,
    int ChecklistDone,
    int ChecklistCount)
{
    public bool IsOverdue { get; init; }
}

public sealed class MyWorkQueryHandler(IAppDbContext db, Access access, TimeProvider clock) : IQueryHandler<MyWorkQuery, MyWorkDto>
{
    public async ValueTask<MyWorkDto> Handle(MyWorkQuery query, CancellationToken cancellationToken)
    {
        var me = (await access.PersonAsync(cancellationToken)).Id;
        var items = await db.Tasks.AsNoTracking()
            .Where(t => t.Status != ProjectTaskStatus.Done && t.Status != ProjectTaskStatus.NotApplicable)
            .Where(t => t.Phase.Project.Status == ProjectStatus.Active)
            .Where(t =>
                (t.AssigneeId == me && (t.Phase.State == PhaseState.Active || t.Phase.State == PhaseState.NotStarted))
                || (t.AssigneeId == null && t.Phase.State == PhaseState.Active
                    && db.Members.Any(m => m.ProjectId == t.ProjectId && m.PersonId == me && m.Roles.Contains(t.ResponsibleRole))))
            .OrderBy(t => t.AssigneeId == null)
            .ThenBy(t => t.Due)
            .ThenBy(t => t.Phase.Project.Key)
            .ThenBy(t => t.Order)
            .Select(t => new MyWorkItem(
                t.Id,
                t.Version,
                t.Phase.Project.Key,
                t.Phase.Project.Name,
                t.Phase.Kind,
                t.Phase.State,
                t.Title,
                t.Status,
                t.StatusReason,
                t.ResponsibleRole,
                t.IsOptional,
                t.AssigneeId == me,
                t.Due,
                t.Checklist.Count(c => c.IsDone),
                t.Checklist.Count()))
            .Take(200)
            .ToListAsync(cancellationToken);

        var handoffs = await db.Handoffs.AsNoTracking()
            .Where(h => h.AcknowledgedAt == null)
            .Join(db.Tasks, h => h.ToTaskId, t => t.Id, (h, t) => new { Handoff = h, Task = t })
            .Where(x => x.Task.AssigneeId == me
                || (x.Task.AssigneeId == null && db.Members.Any(m => m.ProjectId == x.Handoff.ProjectId && m.PersonId == me && m.Roles.Contains(x.Handoff.ToRole))))
            .OrderBy(x => x.Handoff.HandedOverAt)
            .Take(50)
            .Select(x => new MyHandoff(
                x.Handoff.Id,
                x.Task.Phase.Project.Key,
                x.Handoff.ToTaskId,
                x.Handoff.ToTaskTitle,
                x.Handoff.FromTaskTitle,
                x.Handoff.ToRole,
                x.Handoff.HandedOverByName,
                x.Handoff.HandedOverAt,
                x.Handoff.Note,
                x.Handoff.Links,
                x.Handoff.Versions.ToList()))
            .ToListAsync(cancellationToken);
        var projectIds = await db.Members.Where(m => m.PersonId == me).Select(m => m.ProjectId).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new MyWorkDto(
            handoffs,
            [.. items.Select(i => i with { IsOverdue = WorkRules.IsOverdue(i.Status, i.PhaseState, i.Due, today) })],
            projectIds);
    }
}

using DsProcess.Application.Common.Security;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Work.Queries.MyWork;

/// <summary>
/// The caller's open work across their active projects: tasks assigned to them (in phases not yet closed),
/// then unassigned tasks of the active phases that one of their roles owns.
/// </summary>
public sealed record MyWorkQuery : IQuery<IReadOnlyList<MyWorkItem>>;

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
    public bool IsOverdue(DateOnly today) => Due is { } due && due < today;
}

public sealed class MyWorkQueryHandler(IAppDbContext db, Access access) : IQueryHandler<MyWorkQuery, IReadOnlyList<MyWorkItem>>
{
    public async ValueTask<IReadOnlyList<MyWorkItem>> Handle(MyWorkQuery query, CancellationToken cancellationToken)
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
        return items;
    }
}

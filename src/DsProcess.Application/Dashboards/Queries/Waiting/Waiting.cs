using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Tasks;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Dashboards.Queries.Waiting;

/// <summary>
/// Where work waits, in the projects the caller may see: gates awaiting a decision and handoffs awaiting
/// acknowledgement (oldest first), and the most overdue tasks.
/// </summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.Viewer, SystemRole.TeamLead)]
public sealed record WaitingQuery(DashboardFilter Filter, WaitingList List = WaitingList.All, int Page = 1, int PageSize = 10) : IQuery<WaitingDto>;

public enum WaitingList
{
    All,
    Gates,
    Handoffs,
    OverdueTasks,
}

public sealed record WaitingDto(
    IReadOnlyList<WaitingGate> Gates,
    IReadOnlyList<WaitingHandoff> Handoffs,
    IReadOnlyList<OverdueTask> OverdueTasks);

public sealed record WaitingGate(Guid ReviewId, string ProjectKey, string ProjectName, PhaseKind Phase, string SubmittedByName, DateTimeOffset SubmittedAt);

public sealed record WaitingHandoff(Guid Id, string ProjectKey, Guid ToTaskId, string ToTaskTitle, ProjectRole ToRole, string HandedOverByName, DateTimeOffset HandedOverAt);

public sealed record OverdueTask(Guid TaskId, string ProjectKey, string Title, ProjectRole ResponsibleRole, string? AssigneeName, DateOnly Due);

public sealed class WaitingQueryHandler(IAppDbContext db, Access access, TimeProvider clock) : IQueryHandler<WaitingQuery, WaitingDto>
{
    public async ValueTask<WaitingDto> Handle(WaitingQuery query, CancellationToken cancellationToken)
    {
        var skip = (Math.Max(query.Page, 1) - 1) * query.PageSize;
        var take = Math.Clamp(query.PageSize, 1, 100);
        // On the whole portfolio without filters the lists read the partial indexes alone; a filter or a team lead's
        // scope adds a semi-join on the projects selected. (One query with "no filter OR in scope" would build the
        // whole scope for every generic plan.)
        var scope = await DashboardScope.OfCallerAsync(access, cancellationToken);
        var inScope = query.Filter.IsEmpty && scope.IsWholePortfolio ? null : query.Filter.ProjectIds(db, scope);

        IReadOnlyList<WaitingGate> gates = [];
        if (query.List is WaitingList.All or WaitingList.Gates)
        {
            var waiting = db.GateReviews.AsNoTracking().Where(r => r.Decision == null);
            if (inScope is not null)
            {
                waiting = waiting.Where(r => inScope.Contains(r.ProjectId));
            }

            gates = await waiting
                .OrderBy(r => r.SubmittedAt)
                .Skip(skip)
                .Take(take)
                .Join(db.Projects, r => r.ProjectId, p => p.Id, (r, p) => new WaitingGate(r.Id, p.Key, p.Name, r.Phase, r.SubmittedByName, r.SubmittedAt))
                .ToListAsync(cancellationToken);
        }

        IReadOnlyList<WaitingHandoff> handoffs = [];
        if (query.List is WaitingList.All or WaitingList.Handoffs)
        {
            var waiting = db.Handoffs.AsNoTracking().Where(h => h.AcknowledgedAt == null);
            if (inScope is not null)
            {
                waiting = waiting.Where(h => inScope.Contains(h.ProjectId));
            }

            handoffs = await waiting
                .OrderBy(h => h.HandedOverAt)
                .Skip(skip)
                .Take(take)
                .Join(db.Projects, h => h.ProjectId, p => p.Id, (h, p) => new WaitingHandoff(h.Id, p.Key, h.ToTaskId, h.ToTaskTitle, h.ToRole, h.HandedOverByName, h.HandedOverAt))
                .ToListAsync(cancellationToken);
        }

        IReadOnlyList<OverdueTask> overdue = [];
        if (query.List is WaitingList.All or WaitingList.OverdueTasks)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var open = db.Tasks.AsNoTracking()
                .Where(TaskFilters.OverdueOn(today))
                .Where(t => t.Phase.Project.Status == ProjectStatus.Active);
            if (inScope is not null)
            {
                open = open.Where(t => inScope.Contains(t.ProjectId));
            }

            overdue = await open
                .OrderBy(t => t.Due)
                .Skip(skip)
                .Take(take)
                .Select(t => new OverdueTask(
                    t.Id,
                    t.Phase.Project.Key,
                    t.Title,
                    t.ResponsibleRole,
                    db.People.Where(p => p.Id == t.AssigneeId).Select(p => p.DisplayName).FirstOrDefault(),
                    t.Due!.Value))
                .ToListAsync(cancellationToken);
        }

        return new WaitingDto(gates, handoffs, overdue);
    }
}

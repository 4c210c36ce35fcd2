using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Projects.Queries.PreviewReplan;

/// <summary>
/// What re-planning the project to <see cref="TargetDate"/> would move, before anything is saved: each phase not
/// completed and each task not finished, planned dates before and after (the domain's own <see cref="Project.PreviewReplan"/>).
/// </summary>
public sealed record PreviewReplanQuery(Guid ProjectId, DateOnly? TargetDate) : IQuery<ReplanPreview>;

/// <param name="Days">How many days the target date moves: later when positive, earlier when negative.</param>
public sealed record ReplanPreview(DateOnly TargetBefore, DateOnly TargetAfter, int Days, IReadOnlyList<PlannedShift> Shifts);

public sealed class PreviewReplanQueryHandler(IAppDbContext db, Access access) : IQueryHandler<PreviewReplanQuery, ReplanPreview>
{
    public async ValueTask<ReplanPreview> Handle(PreviewReplanQuery query, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(query.ProjectId, cancellationToken);
        me.EnsureCanPlan("re-plan the project");
        var project = await db.LoadProjectWithPlanAsync(query.ProjectId, tracked: false, cancellationToken);
        var target = query.TargetDate!.Value;
        var shifts = project.PreviewReplan(target);
        return new ReplanPreview(project.TargetDate, target, target.DayNumber - project.TargetDate.DayNumber, shifts);
    }
}

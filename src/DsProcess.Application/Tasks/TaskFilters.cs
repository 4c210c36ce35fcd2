using System.Linq.Expressions;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore.Query;

namespace DsProcess.Application.Tasks;

/// <summary>The domain's task rules as filters over task rows, for database queries.</summary>
public static class TaskFilters
{
    /// <summary><see cref="WorkRules.Overdue"/> applied to a task and its phase; <paramref name="today"/> becomes a parameter.</summary>
    public static Expression<Func<ProjectTask, bool>> OverdueOn(DateOnly today)
    {
        var task = Expression.Parameter(typeof(ProjectTask), "t");
        Expression<Func<DateOnly>> todayParameter = () => today;
        var rule = WorkRules.Overdue;
        var body = new ReplacingExpressionVisitor(
                rule.Parameters.ToArray(),
                [
                    Expression.Property(task, nameof(ProjectTask.Status)),
                    Expression.Property(Expression.Property(task, nameof(ProjectTask.Phase)), nameof(ProjectPhase.State)),
                    Expression.Property(task, nameof(ProjectTask.Due)),
                    todayParameter.Body,
                ])
            .Visit(rule.Body);
        return Expression.Lambda<Func<ProjectTask, bool>>(body, task);
    }
}

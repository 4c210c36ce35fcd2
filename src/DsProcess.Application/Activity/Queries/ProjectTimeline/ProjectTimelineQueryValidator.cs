using FluentValidation;

namespace DsProcess.Application.Activity.Queries.ProjectTimeline;

public sealed class ProjectTimelineQueryValidator : AbstractValidator<ProjectTimelineQuery>
{
    public ProjectTimelineQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
    }
}

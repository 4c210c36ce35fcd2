using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Activity.Queries.ProjectTimeline;

public sealed class ProjectTimelineQueryValidator : AbstractValidator<ProjectTimelineQuery>
{
    public ProjectTimelineQueryValidator()
    {
        RuleFor(q => q.Key).ProjectKey();
        RuleFor(q => q.Filter).NotNull().WithMessage("Give the timeline's filters.").SetValidator(new TimelineFilterValidator());
        RuleFor(q => q.Page).Page();
        RuleFor(q => q.PageSize).PageSize(200);
    }
}

using DsProcess.Application.Activity.Queries.ProjectTimeline;
using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Activity.Queries.ActivityPage;

public sealed class ActivityPageQueryValidator : AbstractValidator<ActivityPageQuery>
{
    public ActivityPageQueryValidator()
    {
        RuleFor(q => q.Key).ProjectKey();
        RuleFor(q => q.Filter).NotNull().WithMessage("Give the activity's filters.").SetValidator(new TimelineFilterValidator());
        RuleFor(q => q.Limit).PageSize(ActivityPageQuery.MaxLimit);
    }
}

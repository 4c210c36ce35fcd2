using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Activity.Queries.ProjectTimeline;

public sealed class ExportTimelineQueryValidator : AbstractValidator<ExportTimelineQuery>
{
    public ExportTimelineQueryValidator()
    {
        RuleFor(q => q.Key).ProjectKey();
        RuleFor(q => q.Filter).NotNull().WithMessage("Give the timeline's filters.").SetValidator(new TimelineFilterValidator());
    }
}

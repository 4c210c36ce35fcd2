using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Activity.Queries.ProjectTimeline;

/// <summary>The timeline's filters, shared by the page and the export.</summary>
public sealed class TimelineFilterValidator : AbstractValidator<TimelineFilter>
{
    public TimelineFilterValidator()
    {
        RuleFor(f => f.Phase).IsInEnum().WithMessage("Choose a phase from the list.");
        RuleFor(f => f.ActorId).OptionalId("Choose a person from the list.");
        RuleFor(f => f.Kind).IsInEnum().WithMessage("Choose a kind of change from the list.");
        RuleFor(f => f.Iteration).GreaterThanOrEqualTo(1).WithMessage("Iterations are numbered from 1.");
    }
}

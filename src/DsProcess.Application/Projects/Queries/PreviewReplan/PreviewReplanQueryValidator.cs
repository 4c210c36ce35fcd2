using DsProcess.Application.Common.Validation;
using DsProcess.Application.Projects.Commands.ReplanProject;
using FluentValidation;

namespace DsProcess.Application.Projects.Queries.PreviewReplan;

public sealed class PreviewReplanQueryValidator : AbstractValidator<PreviewReplanQuery>
{
    public PreviewReplanQueryValidator(TimeProvider clock)
    {
        RuleFor(q => q.ProjectId).Id("a project");
        this.NewTargetDate(q => q.TargetDate, nameof(PreviewReplanQuery.TargetDate), clock);
    }
}

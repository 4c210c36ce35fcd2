using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Projects.Commands.ReplanProject;

public sealed class ReplanProjectCommandValidator : AbstractValidator<ReplanProjectCommand>
{
    public ReplanProjectCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.ProjectId).Id("a project");
        this.NewTargetDate(c => c.TargetDate, nameof(ReplanProjectCommand.TargetDate), clock);
        RuleFor(c => c.Reason)
            .MaximumLength(Limits.Reason).WithMessage($"The reason must be at most {Limits.Reason} characters.")
            .CleanText();
    }
}

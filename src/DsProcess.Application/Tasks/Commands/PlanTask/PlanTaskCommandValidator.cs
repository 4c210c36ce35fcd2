using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Tasks.Commands.PlanTask;

public sealed class PlanTaskCommandValidator : AbstractValidator<PlanTaskCommand>
{
    public PlanTaskCommandValidator()
    {
        RuleFor(c => c.TaskId).Id("a task");
        RuleFor(c => c.Title).Title();
        RuleFor(c => c.Description).Description();
        this.DueNotBeforeStart(c => c.PlannedStart, c => c.Due);
    }
}

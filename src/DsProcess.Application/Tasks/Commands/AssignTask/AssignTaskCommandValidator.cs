using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Tasks.Commands.AssignTask;

public sealed class AssignTaskCommandValidator : AbstractValidator<AssignTaskCommand>
{
    public AssignTaskCommandValidator()
    {
        RuleFor(c => c.TaskId).Id("a task");
        RuleFor(c => c.PersonId).OptionalId("Choose a member, or nobody to give the task back to its role.");
    }
}

using FluentValidation;

namespace DsProcess.Application.Tasks.Commands.AssignTask;

public sealed class AssignTaskCommandValidator : AbstractValidator<AssignTaskCommand>
{
    public AssignTaskCommandValidator() => RuleFor(c => c.TaskId).NotEmpty();
}

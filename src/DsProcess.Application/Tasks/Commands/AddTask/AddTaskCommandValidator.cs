using DsProcess.Domain.Projects;
using FluentValidation;

namespace DsProcess.Application.Tasks.Commands.AddTask;

public sealed class AddTaskCommandValidator : AbstractValidator<AddTaskCommand>
{
    public AddTaskCommandValidator()
    {
        RuleFor(c => c.ProjectId).NotEmpty();
        RuleFor(c => c.Phase).IsInEnum();
        RuleFor(c => c.Title).Title();
        RuleFor(c => c.Description).Description();
        RuleFor(c => c.ResponsibleRole)
            .Must(WorkRules.MayOwnTasks)
            .WithMessage("Choose the role responsible for the task.");
        RuleForEach(c => c.SupportingRoles).IsInEnum();
        this.DueNotBeforeStart(c => c.PlannedStart, c => c.Due);
    }
}

using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Projects;
using FluentValidation;

namespace DsProcess.Application.Tasks.Commands.AddTask;

public sealed class AddTaskCommandValidator : AbstractValidator<AddTaskCommand>
{
    public AddTaskCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Phase).IsInEnum().WithMessage("Choose a phase from the list.");
        RuleFor(c => c.Title).Title();
        RuleFor(c => c.Description).Description();
        RuleFor(c => c.ResponsibleRole).Must(WorkRules.MayOwnTasks).WithMessage("Choose the role responsible for the task.");
        RuleFor(c => c.SupportingRoles).NotNull().WithMessage("Choose the supporting roles, or none.");
        // A supporting role may work the task, so a project viewer (or an unknown role) cannot be one.
        RuleForEach(c => c.SupportingRoles).Must(WorkRules.MayOwnTasks).WithMessage("Choose supporting roles from the list.");
        this.DueNotBeforeStart(c => c.PlannedStart, c => c.Due);
    }
}

using DsProcess.Domain.Projects;
using FluentValidation;

namespace DsProcess.Application.Tasks.Commands.AssignRoleTasks;

public sealed class AssignRoleTasksCommandValidator : AbstractValidator<AssignRoleTasksCommand>
{
    public AssignRoleTasksCommandValidator()
    {
        RuleFor(c => c.ProjectId).NotEmpty();
        RuleFor(c => c.PersonId).NotEmpty().WithMessage("Choose a person.");
        RuleFor(c => c.Role)
            .Must(WorkRules.MayOwnTasks)
            .WithMessage("Choose a role that owns tasks.");
    }
}

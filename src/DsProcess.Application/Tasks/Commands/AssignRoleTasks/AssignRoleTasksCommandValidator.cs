using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Projects;
using FluentValidation;

namespace DsProcess.Application.Tasks.Commands.AssignRoleTasks;

public sealed class AssignRoleTasksCommandValidator : AbstractValidator<AssignRoleTasksCommand>
{
    public AssignRoleTasksCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.PersonId).Id("a person");
        RuleFor(c => c.Role)
            .Must(WorkRules.MayOwnTasks)
            .WithMessage("Choose a role that owns tasks.");
    }
}

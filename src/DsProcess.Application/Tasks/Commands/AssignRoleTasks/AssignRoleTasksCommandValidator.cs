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
            .Must(r => r is ProjectRole.DataEngineer or ProjectRole.DataScientist or ProjectRole.MLEngineer or ProjectRole.TeamLead)
            .WithMessage("Choose a role that owns tasks.");
    }
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Projects.Commands.ResumeProject;

public sealed class ResumeProjectCommandValidator : AbstractValidator<ResumeProjectCommand>
{
    public ResumeProjectCommandValidator() => RuleFor(c => c.ProjectId).Id("a project");
}

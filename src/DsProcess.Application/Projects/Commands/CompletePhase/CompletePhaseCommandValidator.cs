using FluentValidation;

namespace DsProcess.Application.Projects.Commands.CompletePhase;

public sealed class CompletePhaseCommandValidator : AbstractValidator<CompletePhaseCommand>
{
    public CompletePhaseCommandValidator() => RuleFor(c => c.ProjectId).NotEmpty();
}

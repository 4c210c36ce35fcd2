using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Projects.Commands.PutProjectOnHold;

public sealed class PutProjectOnHoldCommandValidator : AbstractValidator<PutProjectOnHoldCommand>
{
    public PutProjectOnHoldCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("a project");
        RuleFor(c => c.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the project is put on hold.")
            .MaximumLength(Limits.Reason).WithMessage($"The reason must be at most {Limits.Reason} characters.")
            .CleanText();
    }
}

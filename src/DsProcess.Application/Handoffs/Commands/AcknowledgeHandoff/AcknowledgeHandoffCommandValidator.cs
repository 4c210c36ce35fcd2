using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Handoffs.Commands.AcknowledgeHandoff;

public sealed class AcknowledgeHandoffCommandValidator : AbstractValidator<AcknowledgeHandoffCommand>
{
    public AcknowledgeHandoffCommandValidator() => RuleFor(c => c.HandoffId).Id("the handoff to acknowledge");
}

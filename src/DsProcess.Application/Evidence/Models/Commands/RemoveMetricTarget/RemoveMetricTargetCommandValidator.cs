using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Evidence.Models.Commands.RemoveMetricTarget;

public sealed class RemoveMetricTargetCommandValidator : AbstractValidator<RemoveMetricTargetCommand>
{
    public RemoveMetricTargetCommandValidator() => RuleFor(c => c.TargetId).Id("a target");
}

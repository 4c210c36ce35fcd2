using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Webhooks.Commands.RedeliverWebhook;

public sealed class RedeliverWebhookCommandValidator : AbstractValidator<RedeliverWebhookCommand>
{
    public RedeliverWebhookCommandValidator() => RuleFor(c => c.DeliveryId).Id("a delivery");
}

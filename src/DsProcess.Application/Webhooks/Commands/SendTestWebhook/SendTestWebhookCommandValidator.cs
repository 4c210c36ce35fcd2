using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Webhooks.Commands.SendTestWebhook;

public sealed class SendTestWebhookCommandValidator : AbstractValidator<SendTestWebhookCommand>
{
    public SendTestWebhookCommandValidator() => RuleFor(c => c.SubscriptionId).Id("a webhook");
}

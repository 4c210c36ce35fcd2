using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Webhooks.Commands.RemoveWebhook;

public sealed class RemoveWebhookCommandValidator : AbstractValidator<RemoveWebhookCommand>
{
    public RemoveWebhookCommandValidator() => RuleFor(c => c.SubscriptionId).Id("a webhook");
}

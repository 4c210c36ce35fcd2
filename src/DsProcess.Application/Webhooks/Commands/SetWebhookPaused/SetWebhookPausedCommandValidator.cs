using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Webhooks.Commands.SetWebhookPaused;

public sealed class SetWebhookPausedCommandValidator : AbstractValidator<SetWebhookPausedCommand>
{
    public SetWebhookPausedCommandValidator() => RuleFor(c => c.SubscriptionId).Id("a webhook");
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Webhooks.Commands.SubscribeWebhook;

public sealed class SubscribeWebhookCommandValidator : AbstractValidator<SubscribeWebhookCommand>
{
    public SubscribeWebhookCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.Url).Cascade(CascadeMode.Stop).CleanText().WebhookUrl();
        RuleFor(c => c.Events).WebhookEvents();
    }
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Webhooks.Queries.WebhookDeliveries;

public sealed class WebhookDeliveriesQueryValidator : AbstractValidator<WebhookDeliveriesQuery>
{
    public WebhookDeliveriesQueryValidator()
    {
        RuleFor(q => q.ProjectId).Id("the project");
        RuleFor(q => q.Page).Page();
        RuleFor(q => q.PageSize).PageSize(100);
    }
}

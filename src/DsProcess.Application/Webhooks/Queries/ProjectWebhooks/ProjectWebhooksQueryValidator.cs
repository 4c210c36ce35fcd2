using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Webhooks.Queries.ProjectWebhooks;

public sealed class ProjectWebhooksQueryValidator : AbstractValidator<ProjectWebhooksQuery>
{
    public ProjectWebhooksQueryValidator() => RuleFor(q => q.Key).ProjectKey();
}

using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Operations.Deployments.Commands.EndDeployment;

public sealed class EndDeploymentCommandValidator : AbstractValidator<EndDeploymentCommand>
{
    public EndDeploymentCommandValidator()
    {
        RuleFor(c => c.DeploymentId).Id("a deployment");
        RuleFor(c => c.Reason).Reason("Say why the deployment ends.");
    }
}

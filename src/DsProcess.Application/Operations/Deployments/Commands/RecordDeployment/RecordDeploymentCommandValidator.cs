using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Operations.Deployments.Commands.RecordDeployment;

public sealed class RecordDeploymentCommandValidator : AbstractValidator<RecordDeploymentCommand>
{
    public RecordDeploymentCommandValidator()
    {
        RuleFor(c => c.ProjectId).Id("the project");
        RuleFor(c => c.ModelVersionId).Id("a model version");
        RuleFor(c => c.Environment).IsInEnum().WithMessage("Choose an environment from the list.");
        RuleFor(c => c.Endpoint).Location("The endpoint", required: true);
    }
}

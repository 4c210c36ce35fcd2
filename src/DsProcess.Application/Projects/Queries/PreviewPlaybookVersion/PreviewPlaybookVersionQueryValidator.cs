using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Projects.Queries.PreviewPlaybookVersion;

public sealed class PreviewPlaybookVersionQueryValidator : AbstractValidator<PreviewPlaybookVersionQuery>
{
    public PreviewPlaybookVersionQueryValidator() => RuleFor(q => q.ProjectId).Id("a project");
}

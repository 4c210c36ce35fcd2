using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Reports.Queries.ProjectReport;

public sealed class ProjectReportQueryValidator : AbstractValidator<ProjectReportQuery>
{
    public ProjectReportQueryValidator() => RuleFor(q => q.Key).ProjectKey();
}

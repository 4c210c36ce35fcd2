using DsProcess.Domain.Common;
using FluentValidation;

namespace DsProcess.Application.Projects.Queries.ListProjects;

public sealed class ListProjectsQueryValidator : AbstractValidator<ListProjectsQuery>
{
    public ListProjectsQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
        RuleFor(q => q.Search).MaximumLength(Limits.Search);
        RuleFor(q => q.Sort).IsInEnum();
        RuleFor(q => q.Direction).IsInEnum();
    }
}

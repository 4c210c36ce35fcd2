using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Projects.Queries.ListProjects;

public sealed class ListProjectsQueryValidator : AbstractValidator<ListProjectsQuery>
{
    public ListProjectsQueryValidator()
    {
        RuleFor(q => q.Page).Page();
        RuleFor(q => q.PageSize).PageSize(100);
        RuleFor(q => q.Search).Search();
        RuleFor(q => q.Sort).IsInEnum().WithMessage("Sort by a column of the list.");
        RuleFor(q => q.Direction).IsInEnum().WithMessage("Sort ascending or descending.");
    }
}

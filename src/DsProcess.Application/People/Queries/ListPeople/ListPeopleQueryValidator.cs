using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.People.Queries.ListPeople;

public sealed class ListPeopleQueryValidator : AbstractValidator<ListPeopleQuery>
{
    public ListPeopleQueryValidator() => RuleFor(q => q.Search).Search();
}

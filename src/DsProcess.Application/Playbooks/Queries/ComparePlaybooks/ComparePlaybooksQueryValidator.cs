using FluentValidation;

namespace DsProcess.Application.Playbooks.Queries.ComparePlaybooks;

public sealed class ComparePlaybooksQueryValidator : AbstractValidator<ComparePlaybooksQuery>
{
    public ComparePlaybooksQueryValidator()
    {
        RuleFor(q => q.FromId).NotEmpty().WithMessage("Choose the playbook to compare from.");
        RuleFor(q => q.ToId).NotEmpty().WithMessage("Choose the playbook to compare with.");
    }
}

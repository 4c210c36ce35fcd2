using DsProcess.Application.Common.Validation;
using FluentValidation;

namespace DsProcess.Application.Tasks.Commands.SetChecklistItem;

public sealed class SetChecklistItemCommandValidator : AbstractValidator<SetChecklistItemCommand>
{
    public SetChecklistItemCommandValidator()
    {
        RuleFor(c => c.TaskId).Id("a task");
        RuleFor(c => c.ItemNumber).GreaterThan(0).WithMessage("Choose an item of the checklist.");
    }
}

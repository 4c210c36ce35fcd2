using FluentValidation;

namespace DsProcess.Application.Tasks.Commands.SetChecklistItem;

public sealed class SetChecklistItemCommandValidator : AbstractValidator<SetChecklistItemCommand>
{
    public SetChecklistItemCommandValidator()
    {
        RuleFor(c => c.TaskId).NotEmpty();
        RuleFor(c => c.ItemNumber).GreaterThan(0);
    }
}

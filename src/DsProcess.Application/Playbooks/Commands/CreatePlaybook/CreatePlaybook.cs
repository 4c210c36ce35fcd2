using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Commands.CreatePlaybook;

/// <summary>
/// An admin starts a new playbook as a draft of its version 1, copied from another (the default, say), to edit
/// and publish. Returns the draft's id.
/// </summary>
[RequiresSystemRole(SystemRole.Admin, PlaybookOwners = true)]
public sealed record CreatePlaybookCommand : ICommand<Guid>
{
    public Guid CopyOf { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }
}

public sealed class CreatePlaybookCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<CreatePlaybookCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreatePlaybookCommand command, CancellationToken cancellationToken)
    {
        var from = await db.Playbooks.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.CopyOf, cancellationToken)
            ?? throw new NotFoundException("Playbook", command.CopyOf);
        var name = command.Name.Trim();
        if (await db.Playbooks.AnyAsync(p => p.Name == name, cancellationToken))
        {
            throw new ValidationException(nameof(command.Name), $"There is already a playbook called \"{name}\".");
        }

        var draft = Playbook.Draft(name, command.Description, from, (await access.PersonAsync(cancellationToken)).AsActor(), clock.GetUtcNow());
        db.Playbooks.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return draft.Id;
    }
}

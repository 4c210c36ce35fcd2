using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Commands.SetPlaybookArchived;

/// <summary>An admin archives a playbook (no new project starts from it) or restores it.</summary>
[RequiresSystemRole(SystemRole.Admin)]
public sealed record SetPlaybookArchivedCommand(Guid PlaybookId, bool Archived) : ICommand;

public sealed class SetPlaybookArchivedCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<SetPlaybookArchivedCommand>
{
    public async ValueTask<Unit> Handle(SetPlaybookArchivedCommand command, CancellationToken cancellationToken)
    {
        var playbook = await db.Playbooks.SingleOrDefaultAsync(p => p.Id == command.PlaybookId, cancellationToken)
            ?? throw new NotFoundException("Playbook", command.PlaybookId);
        var me = (await access.PersonAsync(cancellationToken)).AsActor();
        if (command.Archived)
        {
            playbook.Archive(me, clock.GetUtcNow());
        }
        else
        {
            playbook.Restore(me, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

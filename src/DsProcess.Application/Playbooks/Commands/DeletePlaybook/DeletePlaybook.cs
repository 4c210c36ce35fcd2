using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Commands.DeletePlaybook;

/// <summary>
/// An admin deletes a playbook no project started from (one brought in by mistake); a playbook in use is archived
/// instead. A project started from it meanwhile makes the database refuse the delete.
/// </summary>
[RequiresSystemRole(SystemRole.Admin)]
public sealed record DeletePlaybookCommand(Guid PlaybookId) : ICommand;

public sealed class DeletePlaybookCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<DeletePlaybookCommand>
{
    public async ValueTask<Unit> Handle(DeletePlaybookCommand command, CancellationToken cancellationToken)
    {
        var playbook = await db.Playbooks.SingleOrDefaultAsync(p => p.Id == command.PlaybookId, cancellationToken)
            ?? throw new NotFoundException("Playbook", command.PlaybookId);
        var projects = await db.Projects.CountAsync(p => p.PlaybookId == playbook.Id, cancellationToken);
        playbook.Delete(projects, (await access.PersonAsync(cancellationToken)).AsActor(), clock.GetUtcNow());
        db.Playbooks.Remove(playbook);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

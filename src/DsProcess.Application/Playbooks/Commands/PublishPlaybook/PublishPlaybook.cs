using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Commands.PublishPlaybook;

/// <summary>
/// An admin publishes a draft as the playbook's next version: from then on it never changes, and team leads can
/// start projects from it. A new version of the default playbook becomes the default.
/// </summary>
[RequiresSystemRole(SystemRole.Admin, PlaybookOwners = true)]
public sealed record PublishPlaybookCommand(Guid PlaybookId, uint Version) : ICommand;

public sealed class PublishPlaybookCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<PublishPlaybookCommand>
{
    public async ValueTask<Unit> Handle(PublishPlaybookCommand command, CancellationToken cancellationToken)
    {
        var draft = await db.Playbooks.SingleOrDefaultAsync(p => p.Id == command.PlaybookId, cancellationToken)
            ?? throw new NotFoundException("Playbook", command.PlaybookId);
        db.ExpectVersion(draft, command.Version);
        var previous = await db.Playbooks.SingleOrDefaultAsync(p => p.Lineage == draft.Lineage && p.Number == draft.Number - 1, cancellationToken);
        draft.Publish(previous, (await access.PersonAsync(cancellationToken)).AsActor(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

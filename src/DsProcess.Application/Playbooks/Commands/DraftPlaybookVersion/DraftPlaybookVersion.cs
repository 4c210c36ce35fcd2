using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Commands.DraftPlaybookVersion;

/// <summary>
/// An admin starts the next version of a playbook: a draft copied from its newest version. When the playbook has a
/// draft already, that draft is the answer (a playbook has one draft at a time). Returns the draft's id.
/// </summary>
[RequiresSystemRole(SystemRole.Admin, PlaybookOwners = true)]
public sealed record DraftPlaybookVersionCommand(Guid PlaybookId) : ICommand<Guid>;

public sealed class DraftPlaybookVersionCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<DraftPlaybookVersionCommand, Guid>
{
    public async ValueTask<Guid> Handle(DraftPlaybookVersionCommand command, CancellationToken cancellationToken)
    {
        var newest = await db.Playbooks.AsNoTracking()
            .Where(p => db.Playbooks.Any(v => v.Id == command.PlaybookId && v.Lineage == p.Lineage))
            .OrderByDescending(p => p.Number)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Playbook", command.PlaybookId);
        if (newest.IsDraft)
        {
            return newest.Id;
        }

        var draft = newest.NextDraft((await access.PersonAsync(cancellationToken)).AsActor(), clock.GetUtcNow());
        db.Playbooks.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return draft.Id;
    }
}

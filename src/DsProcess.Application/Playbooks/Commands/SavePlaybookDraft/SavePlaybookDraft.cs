using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Commands.SavePlaybookDraft;

/// <summary>
/// An admin saves a draft playbook whole: its name, description, and the four phases with their tasks, roles,
/// checklists and gate criteria, in order. Every problem is reported at its field (<c>phases[1].tasks[0].title</c>)
/// and nothing is saved; a draft someone else saved meanwhile is refused as stale. Returns the new version token.
/// </summary>
[RequiresSystemRole(SystemRole.Admin, PlaybookOwners = true)]
public sealed record SavePlaybookDraftCommand(Guid PlaybookId, uint Version, string Name, string? Description, IReadOnlyList<PlaybookPhaseDocument> Phases)
    : ICommand<uint>;

public sealed class SavePlaybookDraftCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<SavePlaybookDraftCommand, uint>
{
    public async ValueTask<uint> Handle(SavePlaybookDraftCommand command, CancellationToken cancellationToken)
    {
        var draft = await db.Playbooks.SingleOrDefaultAsync(p => p.Id == command.PlaybookId, cancellationToken)
            ?? throw new NotFoundException("Playbook", command.PlaybookId);
        db.ExpectVersion(draft, command.Version);
        var phases = PlaybookDocument.PhasesOf(command.Phases);
        PlaybookDocument.EnsureValid(command.Name, command.Description, phases);
        var name = command.Name.Trim();
        if (await db.Playbooks.AnyAsync(p => p.Name == name && p.Lineage != draft.Lineage, cancellationToken))
        {
            throw new ValidationException("name", $"There is already a playbook called \"{name}\".");
        }

        draft.Edit(name, command.Description, phases, (await access.PersonAsync(cancellationToken)).AsActor(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return draft.Version;
    }
}

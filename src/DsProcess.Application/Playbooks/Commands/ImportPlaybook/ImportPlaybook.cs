using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Commands.ImportPlaybook;

/// <summary>
/// An admin adds a playbook from a file (<see cref="PlaybookDocument"/>); team leads can then start projects from it.
/// A file with any problem is refused whole, each problem at its field. Returns the new playbook's id.
/// </summary>
[RequiresSystemRole(SystemRole.Admin, PlaybookOwners = true)]
public sealed record ImportPlaybookCommand(string Json) : ICommand<Guid>
{
    /// <summary>A playbook with the most phases, tasks and checklist items allowed is far smaller.</summary>
    public const int MaxLength = 1_000_000;
}

public sealed class ImportPlaybookCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<ImportPlaybookCommand, Guid>
{
    public async ValueTask<Guid> Handle(ImportPlaybookCommand command, CancellationToken cancellationToken)
    {
        var document = PlaybookDocument.Read(command.Json);
        var name = document.Name.Trim();
        if (await db.Playbooks.AnyAsync(p => p.Name == name, cancellationToken))
        {
            throw new ValidationException("name", $"There is already a playbook called \"{name}\"; rename it in the file.");
        }

        var me = await access.PersonAsync(cancellationToken);
        var playbook = Playbook.Import(name, document.Description, document.ToPhases(), me.AsActor(), clock.GetUtcNow());

        db.Playbooks.Add(playbook);
        await db.SaveChangesAsync(cancellationToken);
        return playbook.Id;
    }
}

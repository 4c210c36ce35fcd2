using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Projects.Commands.CreateProject;

/// <summary>
/// Creates a project as a copy of a playbook (the default one unless another is chosen), led by its creator. Bound
/// directly by the "New project" form.
/// </summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.TeamLead)]
public sealed class CreateProjectCommand : ICommand<CreatedProject>
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    public string? Objective { get; set; }

    public DateOnly? TargetDate { get; set; }

    /// <summary>The playbook the project copies; the default one when none is chosen.</summary>
    public Guid? PlaybookId { get; set; }
}

public sealed record CreatedProject(Guid Id, string Key);

public sealed class CreateProjectCommandHandler(IAppDbContext db, Access access, TimeProvider clock)
    : ICommandHandler<CreateProjectCommand, CreatedProject>
{
    public async ValueTask<CreatedProject> Handle(CreateProjectCommand command, CancellationToken cancellationToken)
    {
        var key = command.Key.Trim();
        if (await db.Projects.AnyAsync(p => p.Key == key, cancellationToken))
        {
            throw new ValidationException(nameof(command.Key), $"The key {key} is already used by another project.");
        }

        var me = await access.PersonAsync(cancellationToken);
        var playbook = await db.Playbooks.SingleOrDefaultAsync(p => command.PlaybookId == null ? p.IsDefault : p.Id == command.PlaybookId, cancellationToken)
            ?? throw new ValidationException(nameof(command.PlaybookId), "That playbook does not exist (any more); choose one from the list.");
        if (playbook.IsArchived || playbook.IsDraft)
        {
            throw new ValidationException(
                nameof(command.PlaybookId),
                $"\"{playbook.Label}\" is {(playbook.IsDraft ? "a draft, not yet published" : "archived")}; choose another playbook.");
        }

        var now = clock.GetUtcNow();
        var project = Project.CreateFromPlaybook(
            playbook,
            key,
            command.Name,
            command.Objective,
            DateOnly.FromDateTime(now.UtcDateTime),
            command.TargetDate!.Value,
            me.AsActor(),
            now);
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedProject(project.Id, project.Key);
    }
}

using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tasks.Commands.AddTask;

/// <summary>Adds a task of the team's own to a phase, after the playbook's tasks. Bound directly by the "Add task" form.</summary>
public sealed class AddTaskCommand : ICommand<Guid>
{
    public Guid ProjectId { get; set; }

    public PhaseKind Phase { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public ProjectRole ResponsibleRole { get; set; } = ProjectRole.DataScientist;

    public IReadOnlyCollection<ProjectRole> SupportingRoles { get; set; } = [];

    public bool IsOptional { get; set; }

    public DateOnly? PlannedStart { get; set; }

    public DateOnly? Due { get; set; }
}

public sealed class AddTaskCommandHandler(IAppDbContext db, Access access, TimeProvider clock)
    : ICommandHandler<AddTaskCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddTaskCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("add tasks");
        var phase = await db.Phases
            .Include(p => p.Tasks)
            .Include(p => p.Project)
            .SingleOrDefaultAsync(p => p.ProjectId == command.ProjectId && p.Kind == command.Phase, cancellationToken)
            ?? throw new NotFoundException("Phase", command.Phase);

        var task = phase.AddTask(
            command.Title,
            command.Description,
            command.ResponsibleRole,
            command.SupportingRoles,
            command.IsOptional,
            command.PlannedStart,
            command.Due,
            me.Actor,
            clock.GetUtcNow());
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return task.Id;
    }
}

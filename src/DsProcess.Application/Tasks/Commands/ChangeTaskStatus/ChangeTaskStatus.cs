using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Handoffs;
using DsProcess.Application.Teams;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tasks.Commands.ChangeTaskStatus;

/// <summary>
/// Moves a task; <see cref="Version"/> is the version the user saw, so a stale screen gets a conflict.
/// Finishing a task may hand the work to the next role, with the <see cref="Note"/> and <see cref="Evidence"/> links.
/// </summary>
public sealed record ChangeTaskStatusCommand(Guid TaskId, uint Version, TaskMove Move, string? Reason = null) : ICommand
{
    /// <summary>For Done: what the next role should know.</summary>
    public string? Note { get; init; }

    /// <summary>For Done: links that show the work (dataset versions, notebooks, reports).</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>For Done: the project's dataset versions the work produced, named by the handoff.</summary>
    public IReadOnlyList<Guid> DatasetVersionIds { get; init; } = [];

    /// <summary>For Done: the project's model version the work produced, named by the handoff.</summary>
    public Guid? ModelVersionId { get; init; }
}

public sealed class ChangeTaskStatusCommandHandler(IAppDbContext db, Access access, Notifier notifier, TimeProvider clock)
    : ICommandHandler<ChangeTaskStatusCommand>
{
    public async ValueTask<Unit> Handle(ChangeTaskStatusCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadTaskAsync(command.TaskId, cancellationToken);
        var me = await access.ToProjectAsync(task.ProjectId, cancellationToken);
        me.EnsureCanWorkOn(task);
        db.ExpectVersion(task, command.Version);
        var by = me.Actor;
        var now = clock.GetUtcNow();
        var reason = command.Reason ?? "";
        switch (command.Move)
        {
            case TaskMove.Start:
                task.Start(by, now);
                break;
            case TaskMove.Block:
                task.Block(reason, by, now);
                break;
            case TaskMove.Unblock:
                task.Unblock(by, now);
                break;
            case TaskMove.Done:
                task.MarkDone(command.Evidence, by, now);
                await HandOffAsync(task, command, by, now, cancellationToken);
                break;
            case TaskMove.NotApplicable:
                task.MarkNotApplicable(reason, by, now);
                break;
            case TaskMove.Reopen:
                task.Reopen(reason, by, now);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>The handed-over versions, as references with their labels; each must be one of this project's.</summary>
    private async Task<List<EvidenceRef>> VersionsAsync(Project project, ChangeTaskStatusCommand command, CancellationToken cancellationToken)
    {
        var datasetIds = command.DatasetVersionIds.Distinct().ToList();
        var datasets = datasetIds.Count == 0
            ? []
            : await HandedVersions.Datasets(db, db.DatasetVersions.AsNoTracking().Where(v => v.ProjectId == project.Id && datasetIds.Contains(v.Id)))
                .ToListAsync(cancellationToken);
        if (datasets.Count != datasetIds.Count)
        {
            throw new ValidationException(nameof(command.DatasetVersionIds), $"Choose dataset versions of {project.Key}; one of them is not.");
        }

        if (command.ModelVersionId is not { } modelId)
        {
            return datasets;
        }

        var model = await HandedVersions.Models(HandedVersions.HandableModels(db, project.Id).AsNoTracking().Where(m => m.Id == modelId))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ValidationException(nameof(command.ModelVersionId), $"Choose a model version of {project.Key} that is not retired.");
        return [.. datasets, model];
    }

    private async Task HandOffAsync(ProjectTask task, ChangeTaskStatusCommand command, Domain.Common.Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The project's other tasks decide who is next; the task itself is the instance already tracked.
        var project = await db.LoadProjectWithTeamAsync(task.ProjectId, cancellationToken);
        var handoff = project.HandOffAfter(task, command.Note, task.Evidence, by, now, await VersionsAsync(project, command, cancellationToken));
        if (handoff is null)
        {
            return;
        }

        db.Handoffs.Add(handoff);
        var recipients = handoff.ToAssigneeId is { } assignee
            ? [assignee]
            : project.Members.Where(m => m.Holds(handoff.ToRole)).Select(m => m.PersonId);
        notifier.Notify(
            recipients,
            by.UserId,
            NotificationKind.HandoffToYou,
            project.Id,
            $"{by.Name} finished “{handoff.FromTaskTitle}” and handed “{handoff.ToTaskTitle}” ({project.Key}) to the {DisplayNames.Of(handoff.ToRole).ToLowerInvariant()}.",
            Links.Task(project.Key, handoff.ToTaskId));
    }
}

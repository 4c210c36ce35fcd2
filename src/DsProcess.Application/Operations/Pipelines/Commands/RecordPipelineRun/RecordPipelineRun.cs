using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Pipelines.Commands.RecordPipelineRun;

/// <summary>
/// Records a run of one of the project's three pipelines, by hand or from CI: its state, when (now when not given),
/// and a note or link. Only the latest run per pipeline is kept; returns false when a newer run was already recorded
/// and this report changed nothing.
/// </summary>
public sealed record RecordPipelineRunCommand(
    Guid ProjectId,
    PipelineKind Kind,
    PipelineState State,
    DateTimeOffset? At = null,
    string? Note = null,
    string? Link = null) : ICommand<bool>;

public sealed class RecordPipelineRunCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RecordPipelineRunCommand, bool>
{
    public async ValueTask<bool> Handle(RecordPipelineRunCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanOperate("record a pipeline run");
        var pipeline = await db.Pipelines.SingleOrDefaultAsync(p => p.ProjectId == command.ProjectId && p.Kind == command.Kind, cancellationToken);
        if (pipeline is null)
        {
            pipeline = Pipeline.Start(command.ProjectId, command.Kind);
            db.Pipelines.Add(pipeline);
        }

        var now = clock.GetUtcNow();
        var kept = pipeline.RecordRun(command.State, command.At ?? now, command.Note, command.Link, me.Actor, now);
        if (kept)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return kept;
    }
}

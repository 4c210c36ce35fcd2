using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using Mediator;

namespace DsProcess.Application.Evidence.Models.Commands.StartExperiment;

/// <summary>A data scientist (or the team lead) starts an experiment: a hypothesis tried with an approach. Returns its id.</summary>
public sealed record StartExperimentCommand(Guid ProjectId, string Name, string? Hypothesis = null, string? Approach = null) : ICommand<Guid>;

public sealed class StartExperimentCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<StartExperimentCommand, Guid>
{
    public async ValueTask<Guid> Handle(StartExperimentCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanRegisterModels();
        var experiment = Experiment.Start(command.ProjectId, command.Name, command.Hypothesis, command.Approach, me.Actor, clock.GetUtcNow());
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(cancellationToken);
        return experiment.Id;
    }
}

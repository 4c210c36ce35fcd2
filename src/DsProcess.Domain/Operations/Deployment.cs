using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;

namespace DsProcess.Domain.Operations;

/// <summary>
/// A model version served in an environment at an endpoint, from when it was deployed until it is ended. Deploying to
/// Production moves the version to In production (by the version's own stage rules: it must be approved first).
/// </summary>
public sealed class Deployment : Entity
{
    private Deployment()
    {
    }

    public Guid ProjectId { get; private set; }

    public Guid ModelVersionId { get; private set; }

    /// <summary>The model version's display name when it was deployed ("Churn model v3").</summary>
    public string ModelName { get; private set; } = "";

    public DeploymentEnvironment Environment { get; private set; }

    public string Endpoint { get; private set; } = "";

    public Guid? DeployedById { get; private set; }

    public string DeployedByName { get; private set; } = "";

    public DateTimeOffset DeployedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string EndedByName { get; private set; } = "";

    public string EndReason { get; private set; } = "";

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public bool IsEnded => EndedAt is not null;

    public static Deployment Record(ModelVersion model, DeploymentEnvironment environment, string endpoint, Actor by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(environment))
        {
            throw new DomainRuleException("Choose an environment from the list.");
        }

        if (!model.IsInPlay)
        {
            throw new DomainRuleException($"{model.DisplayName} is retired; deploy a version in play.");
        }

        var deployment = new Deployment
        {
            ProjectId = model.ProjectId,
            ModelVersionId = model.Id,
            ModelName = model.DisplayName,
            Environment = environment,
            Endpoint = Guard.Text(endpoint, "The endpoint", Limits.Uri),
            DeployedById = by.UserId,
            DeployedByName = by.Name,
            DeployedAt = at,
        };
        if (environment == DeploymentEnvironment.Production && model.Stage != ModelStage.InProduction)
        {
            model.MoveTo(ModelStage.InProduction, $"Deployed to production at {deployment.Endpoint}", by, at);
        }

        deployment.Record(ActivityEntry.Create(
            model.ProjectId, ActivityKind.DeploymentRecorded, by, at, model.DisplayName, to: $"{OperationsRules.Of(environment)}: {deployment.Endpoint}"));
        return deployment;
    }

    /// <summary>Takes the deployment down (replaced, switched off); the reason is kept.</summary>
    public void End(string reason, Actor by, DateTimeOffset at)
    {
        if (IsEnded)
        {
            throw new DomainRuleException($"The {OperationsRules.Of(Environment)} deployment of {ModelName} has already ended.");
        }

        EndReason = Guard.Text(reason, "The reason for ending the deployment", Limits.Reason);
        EndedAt = at;
        EndedByName = by.Name;
        Record(ActivityEntry.Create(
            ProjectId, ActivityKind.DeploymentEnded, by, at, ModelName, from: $"{OperationsRules.Of(Environment)}: {Endpoint}", reason: EndReason));
    }
}

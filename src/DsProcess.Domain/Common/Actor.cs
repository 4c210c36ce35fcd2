namespace DsProcess.Domain.Common;

/// <summary>The person (or pipeline) on whose behalf a change is made; recorded in the activity log.</summary>
public sealed record Actor(Guid? UserId, string Name)
{
    public static readonly Actor System = new(null, "DsProcess");
}

using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Integration;

/// <summary>What a token may do: read only, or read and change.</summary>
public enum TokenScope
{
    Read = 1,
    ReadWrite = 2,
}

public enum TokenKind
{
    /// <summary>A person's own token: acts as that person, with their rights, limited by its scope.</summary>
    Personal = 1,

    /// <summary>A project's token made by its team lead: acts with one project role on that project only (a training pipeline as a data scientist).</summary>
    Service = 2,
}

/// <summary>
/// A bearer token for the HTTP API. Only a hash of its secret is kept: the secret is shown once, when it is made.
/// A token is refused once it expires or is revoked, and whenever its owner's account is disabled.
/// </summary>
public sealed class ApiToken : Entity
{
    /// <summary>The longest a token may live; an expiry is required so forgotten tokens die on their own.</summary>
    public static readonly TimeSpan LongestLife = TimeSpan.FromDays(366);

    private ApiToken()
    {
    }

    /// <summary>The person whose token it is (for a service token: the team lead who made it).</summary>
    public Guid PersonId { get; private set; }

    public string Name { get; private set; } = "";

    public TokenKind Kind { get; private set; }

    public TokenScope Scope { get; private set; }

    /// <summary>For a service token: the one project it acts on.</summary>
    public Guid? ProjectId { get; private set; }

    /// <summary>For a service token: the project role it acts with.</summary>
    public ProjectRole? Role { get; private set; }

    /// <summary>The start of the secret, shown in lists so people can tell their tokens apart.</summary>
    public string Prefix { get; private set; } = "";

    /// <summary>SHA-256 of the secret, hex; how a presented token is found.</summary>
    public string SecretHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsUsableAt(DateTimeOffset at) => RevokedAt is null && at < ExpiresAt;

    public static ApiToken Personal(Guid personId, string name, TokenScope scope, DateTimeOffset expiresAt, string prefix, string secretHash, Actor by, DateTimeOffset at)
    {
        var token = Make(personId, name, TokenKind.Personal, scope, null, null, expiresAt, prefix, secretHash, at);
        token.Record(ActivityEntry.ForSystem(ActivityKind.ApiTokenCreated, by, at, token.Name, to: token.Describe()));
        return token;
    }

    public static ApiToken Service(Guid leadId, Guid projectId, ProjectRole role, string name, TokenScope scope, DateTimeOffset expiresAt, string prefix, string secretHash, Actor by, DateTimeOffset at)
    {
        if (role is ProjectRole.TeamLead || !CustomRoles.IsKnown(role))
        {
            throw new DomainRuleException("A service token acts with a working role (data engineer, data scientist, ML engineer or one the organisation added) or as a viewer, not as the team lead.");
        }

        var token = Make(leadId, name, TokenKind.Service, scope, projectId, role, expiresAt, prefix, secretHash, at);
        token.Record(ActivityEntry.Create(projectId, ActivityKind.ApiTokenCreated, by, at, token.Name, to: token.Describe()));
        return token;
    }

    public void Revoke(Actor by, DateTimeOffset at)
    {
        if (RevokedAt is not null)
        {
            return;
        }

        RevokedAt = at;
        Record(ActivityEntry.Create(ProjectId, ActivityKind.ApiTokenRevoked, by, at, Name, from: Describe()));
    }

    public string Describe() =>
        (Scope == TokenScope.Read ? "read" : "read/write")
        + (Role is { } role ? $", as {DisplayNames.Of(role)}" : "")
        + $", expires {ExpiresAt:yyyy-MM-dd}";

    private static ApiToken Make(
        Guid personId, string name, TokenKind kind, TokenScope scope, Guid? projectId, ProjectRole? role,
        DateTimeOffset expiresAt, string prefix, string secretHash, DateTimeOffset at)
    {
        if (!Enum.IsDefined(scope))
        {
            throw new DomainRuleException("Choose read or read/write.");
        }

        if (expiresAt <= at || expiresAt > at + LongestLife)
        {
            throw new DomainRuleException("A token expires between tomorrow and a year from now.");
        }

        return new ApiToken
        {
            PersonId = personId,
            Name = Guard.Text(name, "Name", Limits.TokenName),
            Kind = kind,
            Scope = scope,
            ProjectId = projectId,
            Role = role,
            Prefix = prefix,
            SecretHash = secretHash,
            CreatedAt = at,
            ExpiresAt = expiresAt,
        };
    }
}

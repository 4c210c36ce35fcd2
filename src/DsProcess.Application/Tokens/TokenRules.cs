using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Common;
using DsProcess.Domain.Integration;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tokens;

/// <summary>What every new token needs, whoever makes it.</summary>
public static class TokenRules
{
    /// <summary>The lifetimes offered; a token lives at most a year.</summary>
    public static readonly IReadOnlyList<int> LifetimesInDays = [7, 30, 90, 180, 365];

    /// <summary>Usable tokens one person, or one project, may hold at once.</summary>
    public const int MaxActive = 50;

    public static void TokenName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Name the token after what will use it, e.g. \"training pipeline\".")
            .MaximumLength(Limits.TokenName).WithMessage($"Keep the name to {Limits.TokenName} characters.")
            .CleanText();

    public static void Lifetime<T>(this IRuleBuilder<T, int> rule) =>
        rule.Must(days => LifetimesInDays.Contains(days))
            .WithMessage($"Choose a lifetime of {string.Join(", ", LifetimesInDays)} days.");

    public static void Scope<T>(this IRuleBuilder<T, TokenScope> rule) =>
        rule.IsInEnum().WithMessage("Choose read or read/write.");

    /// <summary>Tokens are made and revoked by people in the browser, never by another token.</summary>
    public static void EnsureNotToken(this Access access)
    {
        if (access.Token is not null)
        {
            throw new ForbiddenException("Tokens are managed in the browser, not through the API.");
        }
    }

    /// <summary>Refuses a second usable token with the same name (a name must tell tokens apart) and more than <see cref="MaxActive"/>.</summary>
    public static async Task EnsureRoomAsync(this IQueryable<ApiToken> sameOwner, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = await sameOwner.Where(t => t.RevokedAt == null && t.ExpiresAt > now).Select(t => t.Name).ToListAsync(cancellationToken);
        if (active.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            throw new Common.Exceptions.ValidationException("Name", $"A token named \"{name.Trim()}\" is already in use; choose another name or revoke it first.");
        }

        if (active.Count >= MaxActive)
        {
            throw new Common.Exceptions.ValidationException("Name", $"There are already {MaxActive} usable tokens; revoke some first.");
        }
    }

    public static CreatedToken Created(ApiToken token, string secret) => new(token.Id, secret, token.ExpiresAt);

    /// <summary>A person's or a project's tokens: usable ones first, then newest first (a few hundred at most: <see cref="MaxActive"/> caps the usable ones).</summary>
    public static IQueryable<ApiToken> UsableFirst(this IQueryable<ApiToken> tokens, DateTimeOffset now) =>
        tokens.OrderBy(t => t.RevokedAt != null || t.ExpiresAt <= now).ThenByDescending(t => t.CreatedAt).Take(200);

    /// <summary>Tokens as lists show them, with their owner's name and their project's key.</summary>
    public static IQueryable<TokenSummary> Summaries(this IQueryable<ApiToken> tokens, IAppDbContext db) =>
        tokens.Select(t => new TokenSummary(
            t.Id, t.Name, t.Prefix, t.Scope, t.Role,
            db.People.Where(p => p.Id == t.PersonId).Select(p => p.DisplayName).First(),
            db.Projects.Where(p => p.Id == t.ProjectId).Select(p => p.Key).FirstOrDefault(),
            t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt));
}

/// <summary>A new token and its secret, which is shown this once and never again.</summary>
public sealed record CreatedToken(Guid Id, string Secret, DateTimeOffset ExpiresAt);

/// <summary>A token as lists show it (never its secret).</summary>
public sealed record TokenSummary(
    Guid Id,
    string Name,
    string Prefix,
    TokenScope Scope,
    Domain.Projects.ProjectRole? Role,
    string OwnerName,
    string? ProjectKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsUsableAt(DateTimeOffset at) => RevokedAt is null && at < ExpiresAt;
}

using System.Text.RegularExpressions;
using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Common.Validation;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Search;

/// <summary>What the search box finds, in the order its groups are shown.</summary>
public enum SearchKind
{
    Project = 0,
    Task = 1,
    Person = 2,
    GateDecision = 3,
    DatasetVersion = 4,
    ModelVersion = 5,
}

/// <summary>
/// One row the SQL function <c>search_everything</c> returns: a thing whose words match, ranked. What each column
/// holds depends on the kind (see <see cref="SearchQueryHandler"/>).
/// </summary>
public sealed class SearchHit
{
    public SearchKind Kind { get; init; }

    public Guid Id { get; init; }

    public string? ProjectKey { get; init; }

    public string? ProjectName { get; init; }

    public string Title { get; init; } = "";

    public string? Detail { get; init; }

    /// <summary>The gate's phase, for a gate decision.</summary>
    public PhaseKind? Phase { get; init; }

    public float Rank { get; init; }
}

/// <summary>One thing found, with where to open it (null when the caller has no page for it).</summary>
public sealed record SearchResult(SearchKind Kind, string Title, string? Detail, string? ProjectKey, string? ProjectName, string? Link);

/// <summary>What was found, grouped by kind, best first within each group; at most <see cref="SearchQuery.PerKind"/> per kind.</summary>
public sealed record SearchResults(string Text, IReadOnlyList<SearchResult> Results)
{
    public static readonly SearchResults None = new("", []);

    public IEnumerable<IGrouping<SearchKind, SearchResult>> Groups => Results.GroupBy(r => r.Kind).OrderBy(g => g.Key);
}

/// <summary>
/// Projects, tasks, people, gate decisions and dataset and model versions whose words start with the words typed, by
/// PostgreSQL full-text search, ranked; only in projects the caller may read.
/// </summary>
public sealed record SearchQuery(string? Text) : IQuery<SearchResults>
{
    public const int PerKind = 8;

    /// <summary>Words beyond these are ignored: every one narrows the search, and eight say enough.</summary>
    public const int MaxWords = 8;
}

public sealed class SearchQueryValidator : AbstractValidator<SearchQuery>
{
    public SearchQueryValidator() => RuleFor(q => q.Text).Search();
}

public sealed partial class SearchQueryHandler(IAppDbContext db, Access access) : IQueryHandler<SearchQuery, SearchResults>
{
    public async ValueTask<SearchResults> Handle(SearchQuery query, CancellationToken cancellationToken)
    {
        var person = await access.PersonAsync(cancellationToken);
        if (Terms(query.Text) is not { } terms)
        {
            return SearchResults.None;
        }

        // A service token reads its own project only; the search box is the app's, so a token finds nothing beyond it.
        var readsEverything = person.ReadsEverything && access.Token is not { IsService: true };
        var seesEmail = await access.SeesEmailAddressesAsync(cancellationToken);
        var hits = await db.Search(terms, person.Id, readsEverything, seesEmail, SearchQuery.PerKind)
            .ToListAsync(cancellationToken);
        var results = hits
            .OrderBy(h => h.Kind).ThenByDescending(h => h.Rank).ThenBy(h => h.Title, StringComparer.CurrentCulture)
            .Select(h => new SearchResult(h.Kind, TitleOf(h), h.Detail, h.ProjectKey, h.ProjectName, LinkOf(h, person)))
            .ToList();
        return new SearchResults(query.Text!.Trim(), results);
    }

    /// <summary>
    /// The words typed as a PostgreSQL text-search query (English stemming): every word must match the start of a
    /// word. Only letters and digits make words, so nothing typed can change the query's syntax. Null when nothing is
    /// left to search for.
    /// </summary>
    public static string? Terms(string? text)
    {
        var words = Word().Matches(text ?? "").Select(m => m.Value.ToLowerInvariant()).Distinct().Take(SearchQuery.MaxWords).ToList();
        return words.Count == 0 ? null : string.Join(" & ", words.Select(w => $"{w}:*"));
    }

    private static string TitleOf(SearchHit hit) =>
        hit is { Kind: SearchKind.GateDecision, Phase: { } phase } ? $"{DisplayNames.Of(phase)} gate: {hit.Title}" : hit.Title;

    private static string? LinkOf(SearchHit hit, Person caller) => hit switch
    {
        { Kind: SearchKind.Project, ProjectKey: { } key } => $"/projects/{key}",
        { Kind: SearchKind.Task, ProjectKey: { } key } => Links.Task(key, hit.Id),
        { Kind: SearchKind.GateDecision, ProjectKey: { } key, Phase: { } phase } => Links.Gate(key, phase),
        { Kind: SearchKind.DatasetVersion, ProjectKey: { } key } => Links.Evidence(key, EvidenceKind.DatasetVersion),
        { Kind: SearchKind.ModelVersion, ProjectKey: { } key } => Links.Evidence(key, EvidenceKind.ModelVersion),
        { Kind: SearchKind.Person, ProjectKey: { } key } => $"/projects/{key}/team",
        { Kind: SearchKind.Person } when caller.SystemRole == SystemRole.Admin => "/admin/users",
        _ => null,
    };

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

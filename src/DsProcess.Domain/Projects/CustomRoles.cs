using System.Collections.Immutable;
using DsProcess.Domain.Common;

namespace DsProcess.Domain.Projects;

/// <summary>
/// A role an organisation adds beside the built-in ones (a DevOps engineer, a citizen data scientist): it owns and
/// supports tasks, staffs teams and is counted in workload like the three working roles. Its number
/// (<see cref="NumberFor"/>) comes from its name, so every app instance that reads the name agrees on the number.
/// </summary>
public sealed class CustomRole
{
    private CustomRole()
    {
    }

    public CustomRole(string name, string? description, DateTimeOffset at)
    {
        Name = Guard.Text(name, "A role's name", Limits.RoleName);
        Description = Guard.OptionalText(description, "The description", Limits.RoleDescription);
        Role = CustomRoles.NumberFor(Name);
        if (CustomRoles.BuiltInNamed(Name) is not null)
        {
            throw new DomainRuleException($"\"{Name}\" is a built-in role already.");
        }

        CreatedAt = at;
    }

    public ProjectRole Role { get; private set; }

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>
/// The custom roles this app knows, by number, for the words people read (<see cref="DisplayNames.Of(ProjectRole)"/>)
/// and for the lists they choose from. Read from the database when the app starts and added to when an admin adds a
/// role; one organisation's roles per database.
/// </summary>
public static class CustomRoles
{
    /// <summary>Custom role numbers start here; below are the built-in roles.</summary>
    public const int First = 1000;

    private static ImmutableSortedDictionary<ProjectRole, string> _names = ImmutableSortedDictionary<ProjectRole, string>.Empty;

    /// <summary>The number of the role with this name (ignoring case and surrounding spaces): the same on every instance.</summary>
    public static ProjectRole NumberFor(string name)
    {
        // FNV-1a over the upper-cased name: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in name.Trim().ToUpperInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (ProjectRole)(First + (int)(hash % 1_000_000_000u));
    }

    public static bool IsCustom(ProjectRole role) => (int)role >= First;

    /// <summary>A built-in role or a custom one this app knows.</summary>
    public static bool IsKnown(ProjectRole role) => Enum.IsDefined(role) || _names.ContainsKey(role);

    /// <summary>The built-in roles, then the custom ones by name: what a list of roles offers.</summary>
    public static IReadOnlyList<ProjectRole> WithBuiltIn => [.. Enum.GetValues<ProjectRole>(), .. All];

    public static string? NameOf(ProjectRole role) => _names.GetValueOrDefault(role);

    /// <summary>Every custom role known, by number.</summary>
    public static IReadOnlyList<ProjectRole> All => [.. _names.OrderBy(n => n.Value, StringComparer.OrdinalIgnoreCase).Select(n => n.Key)];

    public static void Know(ProjectRole role, string name) => ImmutableInterlocked.Update(ref _names, names => names.SetItem(role, name));

    /// <summary>The custom role with this name, ignoring case; null when there is none.</summary>
    public static ProjectRole? Named(string name) =>
        _names.Where(n => Same(n.Value, name)).Select(n => (ProjectRole?)n.Key).FirstOrDefault();

    /// <summary>The built-in role with this name (as written in files, or as people read it), ignoring case; null when there is none.</summary>
    public static ProjectRole? BuiltInNamed(string name) =>
        Enum.GetValues<ProjectRole>().Where(r => Same(r.ToString(), name) || Same(DisplayNames.Of(r), name)).Select(r => (ProjectRole?)r).FirstOrDefault();

    private static bool Same(string a, string b) => string.Equals(a, b.Trim(), StringComparison.OrdinalIgnoreCase);
}

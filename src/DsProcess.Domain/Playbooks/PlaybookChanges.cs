using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Playbooks;

public enum PlaybookChangeKind
{
    Added = 1,
    Removed = 2,
    Changed = 3,
}

/// <summary>
/// One difference between two playbooks: a task, gate criterion or phase purpose added, removed or changed in a
/// phase (<see cref="Phase"/> null for the playbook's own name and description). <see cref="Details"/> say what
/// changed in a changed task.
/// </summary>
public sealed record PlaybookChange(PhaseKind? Phase, PlaybookChangeKind Kind, string Subject, IReadOnlyList<string> Details);

/// <summary>What changes from one playbook to another. Tasks are matched by title (ignoring case), criteria by text.</summary>
public static class PlaybookChanges
{
    public static IReadOnlyList<PlaybookChange> Between(Playbook from, Playbook to)
    {
        var changes = new List<PlaybookChange>();
        if (from.Description != to.Description)
        {
            changes.Add(new(null, PlaybookChangeKind.Changed, "Description", [$"now: {Shown(to.Description)}"]));
        }

        foreach (var kind in Enum.GetValues<PhaseKind>())
        {
            var before = from.Phases.SingleOrDefault(p => p.Kind == kind) ?? new PlaybookPhase { Kind = kind };
            var after = to.Phases.SingleOrDefault(p => p.Kind == kind) ?? new PlaybookPhase { Kind = kind };
            if (before.Purpose != after.Purpose)
            {
                changes.Add(new(kind, PlaybookChangeKind.Changed, "Purpose", [$"now: {Shown(after.Purpose)}"]));
            }

            changes.AddRange(before.GateCriteria.Except(after.GateCriteria).Select(c => new PlaybookChange(kind, PlaybookChangeKind.Removed, $"Gate criterion “{c}”", [])));
            changes.AddRange(after.GateCriteria.Except(before.GateCriteria).Select(c => new PlaybookChange(kind, PlaybookChangeKind.Added, $"Gate criterion “{c}”", [])));
            changes.AddRange(before.Automatic.Except(after.Automatic).Select(c => new PlaybookChange(kind, PlaybookChangeKind.Removed, $"Automatic criterion “{GateEvidence.TextOf(c)}”", [])));
            changes.AddRange(after.Automatic.Except(before.Automatic).Select(c => new PlaybookChange(kind, PlaybookChangeKind.Added, $"Automatic criterion “{GateEvidence.TextOf(c)}”", [])));
            foreach (var task in before.Tasks)
            {
                var match = after.Tasks.FirstOrDefault(t => SameTitle(t, task));
                if (match is null)
                {
                    changes.Add(new(kind, PlaybookChangeKind.Removed, $"Task “{task.Title}”", []));
                }
                else if (TaskDetails(task, match) is { Count: > 0 } details)
                {
                    changes.Add(new(kind, PlaybookChangeKind.Changed, $"Task “{match.Title}”", details));
                }
            }

            changes.AddRange(after.Tasks.Where(t => !before.Tasks.Any(b => SameTitle(b, t)))
                .Select(t => new PlaybookChange(kind, PlaybookChangeKind.Added, $"Task “{t.Title}”", [$"{DisplayNames.Of(t.ResponsibleRole)}, {t.Checklist.Count} checklist items{(t.IsOptional ? ", optional" : "")}"])));
        }

        return changes;
    }

    private static List<string> TaskDetails(PlaybookTask before, PlaybookTask after)
    {
        var details = new List<string>();
        if (before.Title != after.Title)
        {
            details.Add($"title: “{before.Title}” → “{after.Title}”");
        }

        if (before.ResponsibleRole != after.ResponsibleRole)
        {
            details.Add($"responsible: {DisplayNames.Of(before.ResponsibleRole)} → {DisplayNames.Of(after.ResponsibleRole)}");
        }

        if (!before.SupportingRoles.Order().SequenceEqual(after.SupportingRoles.Order()))
        {
            details.Add($"supporting: {Roles(before.SupportingRoles)} → {Roles(after.SupportingRoles)}");
        }

        if (before.IsOptional != after.IsOptional)
        {
            details.Add(after.IsOptional ? "now optional" : "now required");
        }

        if (before.Description != after.Description)
        {
            details.Add("description changed");
        }

        details.AddRange(before.Checklist.Where(c => !after.Checklist.Any(a => a.Text == c.Text)).Select(c => $"checklist item removed: “{c.Text}”"));
        details.AddRange(after.Checklist.Where(c => !before.Checklist.Any(b => b.Text == c.Text)).Select(c => $"checklist item added: “{c.Text}”{(c.IsRequired ? "" : " (optional)")}"));
        details.AddRange(after.Checklist.Where(c => before.Checklist.Any(b => b.Text == c.Text && b.IsRequired != c.IsRequired))
            .Select(c => $"checklist item “{c.Text}” now {(c.IsRequired ? "required" : "optional")}"));
        return details;
    }

    private static bool SameTitle(PlaybookTask a, PlaybookTask b) => string.Equals(a.Title, b.Title, StringComparison.OrdinalIgnoreCase);

    private static string Roles(IEnumerable<ProjectRole> roles) =>
        roles.Any() ? string.Join(", ", roles.Select(DisplayNames.Of)) : "none";

    private static string Shown(string text) => text.Length == 0 ? "(none)" : text;
}

using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Playbooks;

/// <summary>What is wrong with a playbook, and where: <c>phases[1].tasks[0].responsibleRole</c> names the field.</summary>
public sealed record PlaybookProblem(string Path, string Message);

/// <summary>
/// The rules every playbook keeps, whoever wrote it: the four phases once each, at least one task in each, task
/// titles that are unique in the playbook, a responsible role that may own tasks, and texts within their limits.
/// Phases and tasks are checked in the order given, so a path points at the entry as it was written.
/// </summary>
public static class PlaybookRules
{
    public static IReadOnlyList<PlaybookProblem> Check(string? name, string? description, IReadOnlyList<PlaybookPhase> phases)
    {
        var problems = new List<PlaybookProblem>();
        Text(problems, "name", "A playbook's name", name, Limits.PlaybookName, required: true);
        Text(problems, "description", "The description", description, Limits.PlaybookDescription, required: false);

        foreach (var missing in Enum.GetValues<PhaseKind>().Where(k => !phases.Any(p => p.Kind == k)))
        {
            problems.Add(new("phases", $"The playbook needs the {DisplayNames.Of(missing)} phase."));
        }

        var titles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < phases.Count; i++)
        {
            var phase = phases[i];
            var at = $"phases[{i}]";
            if (!Enum.IsDefined(phase.Kind))
            {
                problems.Add(new($"{at}.phase", "Choose one of the four phases."));
                continue;
            }

            if (phases.Take(i).Any(p => p.Kind == phase.Kind))
            {
                problems.Add(new($"{at}.phase", $"The {DisplayNames.Of(phase.Kind)} phase is given twice."));
            }

            Text(problems, $"{at}.purpose", "The phase's purpose", phase.Purpose, Limits.PlaybookDescription, required: false);
            Items(problems, $"{at}.gateCriteria", "A gate criterion", phase.GateCriteria, Limits.GateCriteria);
            if (phase.AutomaticCriteria is { } automatic
                && (automatic.Any(c => !Enum.IsDefined(c)) || automatic.Distinct().Count() != automatic.Count))
            {
                problems.Add(new($"{at}.automaticCriteria", "Give each automatic criterion once, from the list."));
            }

            if (phase.Tasks.Count == 0)
            {
                problems.Add(new($"{at}.tasks", $"The {DisplayNames.Of(phase.Kind)} phase needs at least one task."));
            }
            else if (phase.Tasks.Count > Limits.PlaybookTasksPerPhase)
            {
                problems.Add(new($"{at}.tasks", $"A phase holds at most {Limits.PlaybookTasksPerPhase} tasks."));
            }

            for (var j = 0; j < phase.Tasks.Count; j++)
            {
                CheckTask(problems, $"{at}.tasks[{j}]", phase, phase.Tasks[j], titles);
            }
        }

        return problems;
    }

    private static void CheckTask(List<PlaybookProblem> problems, string at, PlaybookPhase phase, PlaybookTask task, Dictionary<string, string> titles)
    {
        if (Text(problems, $"{at}.title", "A task's title", task.Title, Limits.TaskTitle, required: true) is { } title)
        {
            if (!titles.TryAdd(title, DisplayNames.Of(phase.Kind)))
            {
                problems.Add(new($"{at}.title", $"\"{title}\" is already a task in {titles[title]}; task titles are unique in a playbook."));
            }
        }

        Text(problems, $"{at}.description", "A task's description", task.Description, Limits.TaskDescription, required: false);
        if (!WorkRules.MayOwnTasks(task.ResponsibleRole))
        {
            problems.Add(new($"{at}.responsibleRole", $"Choose who is responsible: {RoleList()}."));
        }

        if (task.SupportingRoles.Any(r => !WorkRules.MayOwnTasks(r)))
        {
            problems.Add(new($"{at}.supportingRoles", $"A supporting role is one of {RoleList()}."));
        }
        else if (task.SupportingRoles.Contains(task.ResponsibleRole) || task.SupportingRoles.Distinct().Count() != task.SupportingRoles.Count)
        {
            problems.Add(new($"{at}.supportingRoles", "Give each supporting role once, and not the responsible role."));
        }

        if (task.Checklist.Count > Limits.PlaybookChecklistItems)
        {
            problems.Add(new($"{at}.checklist", $"A task's checklist holds at most {Limits.PlaybookChecklistItems} items."));
        }

        for (var k = 0; k < task.Checklist.Count; k++)
        {
            Text(problems, $"{at}.checklist[{k}].text", "A checklist item", task.Checklist[k].Text, Limits.ChecklistText, required: true);
        }
    }

    private static void Items(List<PlaybookProblem> problems, string at, string what, IReadOnlyList<string> items, int most)
    {
        if (items.Count > most)
        {
            problems.Add(new(at, $"Give at most {most}."));
        }

        for (var k = 0; k < items.Count; k++)
        {
            Text(problems, $"{at}[{k}]", what, items[k], Limits.ChecklistText, required: true);
        }
    }

    /// <summary>The trimmed text when it is within its limits, else null with the problem noted.</summary>
    private static string? Text(List<PlaybookProblem> problems, string at, string what, string? value, int maxLength, bool required)
    {
        var trimmed = value?.Trim() ?? "";
        if (required && trimmed.Length == 0)
        {
            problems.Add(new(at, $"{what} is required."));
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            problems.Add(new(at, $"{what} must be at most {maxLength} characters."));
            return null;
        }

        if (!TypedText.IsClean(trimmed))
        {
            problems.Add(new(at, $"{what} contains invisible control characters or broken symbols; remove them."));
            return null;
        }

        return trimmed;
    }

    private static string RoleList() => string.Join(", ", WorkRules.TaskOwnerRoles.Select(DisplayNames.Of));
}

using DsProcess.Application.Playbooks;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;

namespace DsProcess.Web.Components.Pages.Admin;

/// <summary>A draft playbook as the editor changes it: the document's shape, mutable, with order kept by position.</summary>
public sealed class PlaybookForm
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public List<PhaseForm> Phases { get; init; } = [];

    public static PlaybookForm From(PlaybookDocument document) => new()
    {
        Name = document.Name,
        Description = document.Description,
        Phases = [.. document.Phases.Select(p => new PhaseForm
        {
            Phase = p.Phase,
            Purpose = p.Purpose,
            GateCriteria = [.. p.GateCriteria.Select(c => new TextForm { Text = c })],
            Automatic = [.. p.AutomaticCriteria ?? GateEvidence.CriteriaOf(p.Phase)],
            Tasks = [.. p.Tasks.Select(t => new TaskForm
            {
                Title = t.Title,
                Description = t.Description,
                ResponsibleRole = t.ResponsibleRole,
                SupportingRoles = [.. t.SupportingRoles],
                Optional = t.Optional,
                Checklist = [.. t.Checklist.Select(c => new ChecklistItemForm { Text = c.Text, Required = c.Required })],
            })],
        })],
    };

    public IReadOnlyList<PlaybookPhaseDocument> ToDocuments() =>
    [
        .. Phases.Select(p => new PlaybookPhaseDocument
        {
            Phase = p.Phase,
            Purpose = p.Purpose,
            GateCriteria = [.. p.GateCriteria.Select(c => c.Text)],
            AutomaticCriteria = [.. Enum.GetValues<AutomaticCriterionKind>().Where(p.Automatic.Contains)],
            Tasks = [.. p.Tasks.Select(t => new PlaybookTaskDocument
            {
                Title = t.Title,
                Description = t.Description,
                ResponsibleRole = t.ResponsibleRole,
                SupportingRoles = [.. t.SupportingRoles],
                Optional = t.Optional,
                Checklist = [.. t.Checklist.Select(c => new PlaybookChecklistItemDocument { Text = c.Text, Required = c.Required })],
            })],
        }),
    ];

    /// <summary>Moves an entry <paramref name="by"/> places (up when negative) in its list; past either end nothing moves.</summary>
    public static void Move<T>(List<T> items, T item, int by)
    {
        var from = items.IndexOf(item);
        var to = from + by;
        if (from >= 0 && to >= 0 && to < items.Count)
        {
            items.RemoveAt(from);
            items.Insert(to, item);
        }
    }
}

public sealed class PhaseForm
{
    public PhaseKind Phase { get; init; }

    public string? Purpose { get; set; }

    public List<TextForm> GateCriteria { get; init; } = [];

    /// <summary>The criteria the gate judges from the project's evidence.</summary>
    public HashSet<AutomaticCriterionKind> Automatic { get; init; } = [];

    public List<TaskForm> Tasks { get; init; } = [];
}

public sealed class TaskForm
{
    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public ProjectRole ResponsibleRole { get; set; } = ProjectRole.DataScientist;

    public IReadOnlyCollection<ProjectRole> SupportingRoles { get; set; } = [];

    public bool Optional { get; set; }

    public List<ChecklistItemForm> Checklist { get; init; } = [];
}

public sealed class ChecklistItemForm
{
    public string Text { get; set; } = "";

    public bool Required { get; set; } = true;
}

/// <summary>One line of text in a list the editor grows and shrinks (a gate criterion).</summary>
public sealed class TextForm
{
    public string Text { get; set; } = "";
}

using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Playbooks;

/// <summary>
/// One version of a lifecycle template: ordered phases with their ordered task templates and gate criteria.
/// A playbook is edited as a draft and published as version 1, 2, …; a published version never changes, and
/// projects copy the version they start from, so neither a new version nor an edit rewrites a running project.
/// The versions of one playbook share its <see cref="Lineage"/>.
/// </summary>
public sealed class Playbook : Entity
{
    private Playbook()
    {
    }

    /// <summary>A published first version (the default playbook, an import).</summary>
    public Playbook(Guid id, string name, string description, bool isDefault, IEnumerable<PlaybookPhase> phases)
    {
        Id = id;
        Lineage = id;
        Number = 1;
        Name = name;
        Description = description;
        IsDefault = isDefault;
        Phases = [.. phases.OrderBy(p => p.Kind)];
    }

    /// <summary>
    /// A playbook an organisation brings (imported from JSON), published as its version 1: checked against
    /// <see cref="PlaybookRules"/>, refused with the first problem when it breaks one.
    /// </summary>
    public static Playbook Import(string name, string? description, IReadOnlyList<PlaybookPhase> phases, Actor by, DateTimeOffset at)
    {
        Check(name, description, phases);
        var playbook = new Playbook(Guid.CreateVersion7(), name.Trim(), description?.Trim() ?? "", isDefault: false, phases);
        playbook.Record(ActivityEntry.ForSystem(ActivityKind.PlaybookImported, by, at, playbook.Label, to: $"{playbook.TaskCount} tasks"));
        return playbook;
    }

    /// <summary>A new playbook, as the draft of its version 1, starting as a copy of another (the default, say).</summary>
    public static Playbook Draft(string name, string? description, Playbook from, Actor by, DateTimeOffset at)
    {
        var phases = from.CopyPhases();
        Check(name, description, phases);
        var id = Guid.CreateVersion7();
        var draft = new Playbook(id, name.Trim(), description?.Trim() ?? "", isDefault: false, phases) { IsDraft = true };
        draft.Record(ActivityEntry.ForSystem(ActivityKind.PlaybookDrafted, by, at, draft.Label, from: from.Label));
        return draft;
    }

    /// <summary>Which playbook this is a version of: the id of its version 1.</summary>
    public Guid Lineage { get; private set; }

    /// <summary>The version number: 1, 2, …</summary>
    public int Number { get; private set; }

    /// <summary>A draft is edited and offered to no project; once published it never changes.</summary>
    public bool IsDraft { get; private set; }

    public string Name { get; private set; } = "";

    public string Label => LabelOf(Name, Number);

    /// <summary>How a version is named to people: "Lean lifecycle v2".</summary>
    public static string LabelOf(string name, int number) => $"{name} v{number}";

    public string Description { get; private set; } = "";

    public bool IsDefault { get; private set; }

    public List<PlaybookPhase> Phases { get; private set; } = [];

    public int TaskCount => Phases.Sum(p => p.Tasks.Count);

    /// <summary>An archived playbook is offered to no new project; the projects started from it keep their copies.</summary>
    public bool IsArchived { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): two people saving one draft never overwrite each other.</summary>
    public uint Version { get; private set; }

    /// <summary>The draft of the version after this one, starting as a copy of it; only the newest version has one.</summary>
    public Playbook NextDraft(Actor by, DateTimeOffset at)
    {
        if (IsDraft)
        {
            throw new DomainRuleException($"{Label} is a draft already; edit it.");
        }

        var draft = new Playbook(Guid.CreateVersion7(), Name, Description, isDefault: false, CopyPhases())
        {
            Lineage = Lineage,
            Number = Number + 1,
            IsDraft = true,
        };
        draft.Record(ActivityEntry.ForSystem(ActivityKind.PlaybookDrafted, by, at, draft.Label, from: Label));
        return draft;
    }

    /// <summary>Replaces the draft's name, description, phases and tasks; a published version is refused.</summary>
    public void Edit(string name, string? description, IReadOnlyList<PlaybookPhase> phases, Actor by, DateTimeOffset at)
    {
        EnsureDraft();
        Check(name, description, phases);
        Name = name.Trim();
        Description = description?.Trim() ?? "";
        Phases = [.. phases.OrderBy(p => p.Kind)];
        Record(ActivityEntry.ForSystem(ActivityKind.PlaybookDraftSaved, by, at, Label, to: $"{TaskCount} tasks"));
    }

    /// <summary>
    /// Publishes the draft as an immutable version new projects can start from. When the version before it
    /// (<paramref name="previous"/>) is the default playbook, this version becomes the default.
    /// </summary>
    public void Publish(Playbook? previous, Actor by, DateTimeOffset at)
    {
        EnsureDraft();
        Check(Name, Description, Phases);
        IsDraft = false;
        if (previous is { IsDefault: true } && previous.Lineage == Lineage)
        {
            previous.IsDefault = false;
            IsDefault = true;
        }

        Record(ActivityEntry.ForSystem(ActivityKind.PlaybookPublished, by, at, Label, to: $"{TaskCount} tasks"));
    }

    private void EnsureDraft()
    {
        if (!IsDraft)
        {
            throw new DomainRuleException($"{Label} is published and never changes; start a new draft to change it.");
        }
    }

    private List<PlaybookPhase> CopyPhases() => [.. Phases.Select(p => p.Copy())];

    private static void Check(string name, string? description, IReadOnlyList<PlaybookPhase> phases)
    {
        if (PlaybookRules.Check(name, description, phases).FirstOrDefault() is { } problem)
        {
            throw new DomainRuleException($"{problem.Path}: {problem.Message}");
        }
    }

    public void Archive(Actor by, DateTimeOffset at)
    {
        if (IsDefault)
        {
            throw new DomainRuleException("The default playbook is what new projects start from; it cannot be archived.");
        }

        if (IsDraft)
        {
            throw new DomainRuleException($"{Label} is a draft, which no project starts from; delete it instead.");
        }

        if (!IsArchived)
        {
            IsArchived = true;
            Record(ActivityEntry.ForSystem(ActivityKind.PlaybookArchived, by, at, Label));
        }
    }

    public void Restore(Actor by, DateTimeOffset at)
    {
        if (IsArchived)
        {
            IsArchived = false;
            Record(ActivityEntry.ForSystem(ActivityKind.PlaybookRestored, by, at, Label));
        }
    }

    /// <summary>Notes the removal; the caller removes the playbook, which it may only do when no project started from it.</summary>
    public void Delete(int projects, Actor by, DateTimeOffset at)
    {
        if (IsDefault)
        {
            throw new DomainRuleException("The default playbook cannot be deleted.");
        }

        if (projects > 0)
        {
            throw new DomainRuleException($"{projects} project{(projects == 1 ? "" : "s")} started from \"{Label}\"; archive it instead, so no new project does.");
        }

        Record(ActivityEntry.ForSystem(ActivityKind.PlaybookDeleted, by, at, Label));
    }
}

public sealed class PlaybookPhase
{
    public PhaseKind Kind { get; set; }

    public string Purpose { get; set; } = "";

    public List<string> GateCriteria { get; set; } = [];

    /// <summary>
    /// The automatic criteria (judged from the project's evidence) the gate uses; null for the phase's usual ones
    /// (<see cref="GateEvidence.CriteriaOf"/>), as in every playbook written before a gate could choose.
    /// </summary>
    public List<AutomaticCriterionKind>? AutomaticCriteria { get; set; }

    public List<PlaybookTask> Tasks { get; set; } = [];

    /// <summary>The automatic criteria the gate uses, the usual ones unless chosen.</summary>
    public IReadOnlyList<AutomaticCriterionKind> Automatic => AutomaticCriteria ?? GateEvidence.CriteriaOf(Kind);

    public PlaybookPhase Copy() => new()
    {
        Kind = Kind,
        Purpose = Purpose,
        GateCriteria = [.. GateCriteria],
        AutomaticCriteria = AutomaticCriteria is null ? null : [.. AutomaticCriteria],
        Tasks = [.. Tasks.Select(t => t.Copy())],
    };
}

public sealed class PlaybookTask
{
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public ProjectRole ResponsibleRole { get; set; }

    public List<ProjectRole> SupportingRoles { get; set; } = [];

    public bool IsOptional { get; set; }

    public List<PlaybookChecklistItem> Checklist { get; set; } = [];

    public PlaybookTask Copy() => new()
    {
        Title = Title,
        Description = Description,
        ResponsibleRole = ResponsibleRole,
        SupportingRoles = [.. SupportingRoles],
        IsOptional = IsOptional,
        Checklist = [.. Checklist.Select(c => new PlaybookChecklistItem { Text = c.Text, IsRequired = c.IsRequired })],
    };
}

public sealed class PlaybookChecklistItem
{
    public string Text { get; set; } = "";

    public bool IsRequired { get; set; } = true;
}

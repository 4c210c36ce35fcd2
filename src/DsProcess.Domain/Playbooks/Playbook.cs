using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Playbooks;

/// <summary>
/// A lifecycle template: ordered phases with their ordered task templates and gate criteria.
/// Projects copy it when they are created, so editing a playbook never rewrites a running project.
/// </summary>
public sealed class Playbook : Entity
{
    private Playbook()
    {
    }

    public Playbook(Guid id, string name, string description, bool isDefault, IEnumerable<PlaybookPhase> phases)
    {
        Id = id;
        Name = name;
        Description = description;
        IsDefault = isDefault;
        Phases = [.. phases.OrderBy(p => p.Kind)];
    }

    /// <summary>
    /// A playbook an organisation brings (imported from JSON): checked against <see cref="PlaybookRules"/>, refused with
    /// the first problem when it breaks one.
    /// </summary>
    public static Playbook Import(string name, string? description, IReadOnlyList<PlaybookPhase> phases, Actor by, DateTimeOffset at)
    {
        if (PlaybookRules.Check(name, description, phases).FirstOrDefault() is { } problem)
        {
            throw new DomainRuleException($"{problem.Path}: {problem.Message}");
        }

        var playbook = new Playbook(Guid.CreateVersion7(), name.Trim(), description?.Trim() ?? "", isDefault: false, phases);
        playbook.Record(ActivityEntry.ForSystem(ActivityKind.PlaybookImported, by, at, playbook.Name, to: $"{playbook.Phases.Sum(p => p.Tasks.Count)} tasks"));
        return playbook;
    }

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public bool IsDefault { get; private set; }

    public List<PlaybookPhase> Phases { get; private set; } = [];

    /// <summary>An archived playbook is offered to no new project; the projects started from it keep their copies.</summary>
    public bool IsArchived { get; private set; }

    public void Archive(Actor by, DateTimeOffset at)
    {
        if (IsDefault)
        {
            throw new DomainRuleException("The default playbook is what new projects start from; it cannot be archived.");
        }

        if (!IsArchived)
        {
            IsArchived = true;
            Record(ActivityEntry.ForSystem(ActivityKind.PlaybookArchived, by, at, Name));
        }
    }

    public void Restore(Actor by, DateTimeOffset at)
    {
        if (IsArchived)
        {
            IsArchived = false;
            Record(ActivityEntry.ForSystem(ActivityKind.PlaybookRestored, by, at, Name));
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
            throw new DomainRuleException($"{projects} project{(projects == 1 ? "" : "s")} started from \"{Name}\"; archive it instead, so no new project does.");
        }

        Record(ActivityEntry.ForSystem(ActivityKind.PlaybookDeleted, by, at, Name));
    }
}

public sealed class PlaybookPhase
{
    public PhaseKind Kind { get; set; }

    public string Purpose { get; set; } = "";

    public List<string> GateCriteria { get; set; } = [];

    public List<PlaybookTask> Tasks { get; set; } = [];
}

public sealed class PlaybookTask
{
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public ProjectRole ResponsibleRole { get; set; }

    public List<ProjectRole> SupportingRoles { get; set; } = [];

    public bool IsOptional { get; set; }

    public List<PlaybookChecklistItem> Checklist { get; set; } = [];
}

public sealed class PlaybookChecklistItem
{
    public string Text { get; set; } = "";

    public bool IsRequired { get; set; } = true;
}

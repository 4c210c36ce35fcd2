using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Playbooks;

/// <summary>
/// A lifecycle template: ordered phases with their ordered task templates and gate criteria.
/// Projects copy it when they are created, so editing a playbook never rewrites a running project.
/// </summary>
public sealed class Playbook
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
    public static Playbook Create(string name, string? description, IReadOnlyList<PlaybookPhase> phases)
    {
        if (PlaybookRules.Check(name, description, phases).FirstOrDefault() is { } problem)
        {
            throw new DomainRuleException($"{problem.Path}: {problem.Message}");
        }

        return new Playbook(Guid.CreateVersion7(), name.Trim(), description?.Trim() ?? "", isDefault: false, phases);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public bool IsDefault { get; private set; }

    public List<PlaybookPhase> Phases { get; private set; } = [];
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

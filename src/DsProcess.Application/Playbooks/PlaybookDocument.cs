using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Playbooks;

/// <summary>
/// A playbook as a JSON file an organisation shares: exported from one DsProcess, imported into another. Its JSON
/// schema is published (<see cref="Schema"/>); phases and roles are written by name.
/// </summary>
public sealed record PlaybookDocument
{
    /// <summary>The format's name and version, so a later format can read this one.</summary>
    public const string CurrentFormat = "dsprocess-playbook/1";

    /// <summary>A link to the schema, which editors use to check a file as it is written; ignored on import.</summary>
    [JsonPropertyName("$schema")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SchemaLink { get; init; }

    public required string Format { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<PlaybookPhaseDocument> Phases { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new ProjectRoleJsonConverter(), new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>The JSON schema of the format, generated from these types so it never drifts from what is read.</summary>
    public static JsonNode Schema()
    {
        var schema = Json.GetJsonSchemaAsNode(typeof(PlaybookDocument), new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => context.TypeInfo.Type == typeof(ProjectRole) ? RoleSchema() : node,
        });
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        schema["title"] = "DsProcess playbook";
        return schema;
    }

    /// <summary>A role is a built-in one by name, or one the organisation added, by the name it was given.</summary>
    private static JsonNode RoleSchema() => new JsonObject
    {
        ["type"] = "string",
        ["description"] = "A built-in role, or the name of a role the organisation added (such as \"DevOps engineer\").",
        ["examples"] = new JsonArray([.. Enum.GetNames<ProjectRole>().Select(n => JsonValue.Create(n))]),
    };

    public static PlaybookDocument From(Playbook playbook) => new()
    {
        Format = CurrentFormat,
        Name = playbook.Name,
        Description = playbook.Description,
        Phases = [.. playbook.Phases.Select(p => new PlaybookPhaseDocument
        {
            Phase = p.Kind,
            Purpose = p.Purpose,
            GateCriteria = p.GateCriteria,
            AutomaticCriteria = p.Automatic,
            Tasks = [.. p.Tasks.Select(t => new PlaybookTaskDocument
            {
                Title = t.Title,
                Description = t.Description,
                ResponsibleRole = t.ResponsibleRole,
                SupportingRoles = t.SupportingRoles,
                Optional = t.IsOptional,
                Checklist = [.. t.Checklist.Select(c => new PlaybookChecklistItemDocument { Text = c.Text, Required = c.IsRequired })],
            })],
        })],
    };

    /// <summary>
    /// Reads a file; a file that is not JSON of this format is refused with the field (or line) that is wrong, and a
    /// playbook that breaks <see cref="PlaybookRules"/> with every problem, each at its field.
    /// </summary>
    public static PlaybookDocument Read(string json)
    {
        PlaybookDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PlaybookDocument>(json, Json);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "file" : ex.Path.TrimStart('$', '.');
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
            throw new ValidationException(field, $"This is not a playbook file{where}: {Reason(ex)}");
        }

        if (document is null)
        {
            throw new ValidationException("file", "The file is empty; export a playbook to see the format.");
        }

        EnsureNoNulls(document.Phases);

        if (document.Format != CurrentFormat)
        {
            throw new ValidationException("format", $"The format must be \"{CurrentFormat}\".");
        }

        EnsureValid(document.Name, document.Description, document.ToPhases());
        return document;
    }

    /// <summary>Refuses a playbook that breaks <see cref="PlaybookRules"/> with every problem, each at its field.</summary>
    public static void EnsureValid(string name, string? description, IReadOnlyList<PlaybookPhase> phases)
    {
        var problems = PlaybookRules.Check(name, description, phases);
        if (problems.Count > 0)
        {
            throw new ValidationException(problems.Select(p => new FluentValidation.Results.ValidationFailure(p.Path, p.Message)));
        }
    }

    /// <summary>The phases as the domain holds them, in the file's order.</summary>
    public IReadOnlyList<PlaybookPhase> ToPhases() => PhasesOf(Phases);

    /// <summary>Phases written in this format (a file's, an editor's) as the domain holds them, in their order.</summary>
    public static IReadOnlyList<PlaybookPhase> PhasesOf(IReadOnlyList<PlaybookPhaseDocument> phases)
    {
        EnsureNoNulls(phases);
        return [.. phases.Select(p => p.ToPhase())];
    }

    public string Write() => JsonSerializer.Serialize(this, Json);

    /// <summary>The download's name: the playbook's name in lower case, words joined by hyphens.</summary>
    public string FileName()
    {
        var words = new string([.. Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return $"{(words.Length == 0 ? "playbook" : string.Join('-', words))}.playbook.json";
    }

    /// <summary>Refuses a list holding a null, which the serializer lets through, at the first one's path.</summary>
    private static void EnsureNoNulls(IReadOnlyList<PlaybookPhaseDocument> phases)
    {
        if (NullEntry(phases) is { } empty)
        {
            throw new ValidationException(empty, "This entry is empty (null); remove it or fill it in.");
        }
    }

    private static string? NullEntry(IReadOnlyList<PlaybookPhaseDocument> phases)
    {
        for (var i = 0; i < phases.Count; i++)
        {
            var phase = phases[i];
            var at = $"phases[{i}]";
            var empty = phase is null ? at
                : IndexOfNull(phase.GateCriteria) is { } k ? $"{at}.gateCriteria[{k}]"
                : IndexOfNull(phase.Tasks) is { } j ? $"{at}.tasks[{j}]"
                : phase.Tasks.Select((t, j) => IndexOfNull(t.Checklist) is { } c ? $"{at}.tasks[{j}].checklist[{c}]" : null).FirstOrDefault(p => p is not null);
            if (empty is not null)
            {
                return empty;
            }
        }

        return null;
    }

    private static int? IndexOfNull<T>(IReadOnlyList<T> items)
        where T : class
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The serializer's reason without its own path and position, which the message gives once.</summary>
    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

public sealed record PlaybookPhaseDocument
{
    public required PhaseKind Phase { get; init; }

    public string? Purpose { get; init; }

    public IReadOnlyList<string> GateCriteria { get; init; } = [];

    /// <summary>The criteria the gate judges from the project's evidence; left out, the phase's usual ones.</summary>
    public IReadOnlyList<AutomaticCriterionKind>? AutomaticCriteria { get; init; }

    public required IReadOnlyList<PlaybookTaskDocument> Tasks { get; init; }

    internal PlaybookPhase ToPhase() => new()
    {
        Kind = Phase,
        Purpose = Purpose?.Trim() ?? "",
        GateCriteria = [.. GateCriteria.Select(c => c.Trim())],
        AutomaticCriteria = AutomaticCriteria is null ? null : [.. AutomaticCriteria],
        Tasks = [.. Tasks.Select(t => t.ToTask())],
    };
}

public sealed record PlaybookTaskDocument
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public required ProjectRole ResponsibleRole { get; init; }

    public IReadOnlyList<ProjectRole> SupportingRoles { get; init; } = [];

    public bool Optional { get; init; }

    public IReadOnlyList<PlaybookChecklistItemDocument> Checklist { get; init; } = [];

    internal PlaybookTask ToTask() => new()
    {
        Title = Title.Trim(),
        Description = Description?.Trim() ?? "",
        ResponsibleRole = ResponsibleRole,
        SupportingRoles = [.. SupportingRoles],
        IsOptional = Optional,
        Checklist = [.. Checklist.Select(c => new PlaybookChecklistItem { Text = c.Text.Trim(), IsRequired = c.Required })],
    };
}

public sealed record PlaybookChecklistItemDocument
{
    public required string Text { get; init; }

    public bool Required { get; init; } = true;
}

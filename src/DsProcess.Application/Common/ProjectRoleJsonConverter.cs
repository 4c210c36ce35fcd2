using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Common;

/// <summary>
/// Writes a role by name: a built-in one by its enum name (through <paramref name="naming"/>), a custom one by the
/// name the organisation gave it. Reads either, ignoring case, and a number only when <paramref name="allowNumbers"/>.
/// </summary>
public sealed class ProjectRoleJsonConverter(JsonNamingPolicy? naming = null, bool allowNumbers = false) : JsonConverter<ProjectRole>
{
    public override ProjectRole Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (allowNumbers && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) && CustomRoles.IsKnown((ProjectRole)number))
        {
            return (ProjectRole)number;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A role is written as its name, such as \"DataScientist\".");
        }

        var name = reader.GetString()!;
        return CustomRoles.BuiltInNamed(name) ?? CustomRoles.Named(name) ?? throw new JsonException($"\"{name}\" is not a role here. The built-in roles are {string.Join(", ", Enum.GetValues<ProjectRole>().Select(NameOf))}; an admin adds others on Playbooks.");
    }

    public override void Write(Utf8JsonWriter writer, ProjectRole value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf(value));

    private string NameOf(ProjectRole role) => Enum.IsDefined(role)
        ? naming?.ConvertName(role.ToString()) ?? role.ToString()
        : CustomRoles.NameOf(role) ?? ((int)role).ToString(CultureInfo.InvariantCulture);
}

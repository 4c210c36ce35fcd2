using System.Buffers.Text;
using System.Text.Json;
using DsProcess.Application.Common.Exceptions;

namespace DsProcess.Web.Endpoints.Api;

/// <summary>
/// Opaque list positions for keyset paging: the last row's sort key as JSON in base64url. Clients pass them back as
/// they got them; one that was not given out is a field error on <c>cursor</c>, never a database error.
/// </summary>
internal static class Cursors
{
    public const string Field = "cursor";

    public static string? Encode<T>(T? position)
        where T : class =>
        position is null ? null : Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(position));

    public static T? Decode<T>(string? cursor)
        where T : class
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(cursor)) ?? throw Invalid();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or NotSupportedException)
        {
            throw Invalid();
        }
    }

    private static ValidationException Invalid() => new(Field, "The cursor is not one this list gave out; start again without it.");
}

/// <summary>One page of a list and where the next one starts (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

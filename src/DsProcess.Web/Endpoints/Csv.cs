using System.Globalization;
using System.Text;

namespace DsProcess.Web.Endpoints;

/// <summary>RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; UTF-8; dates in ISO 8601.</summary>
internal static class Csv
{
    public static string Field(object? value) => Quote(value switch
    {
        null => "",
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    });

    public static string Line(params object?[] fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    public static IResult File(string fileName, IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line);
        }

        // A byte-order mark lets spreadsheet programs recognise UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", fileName);
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}

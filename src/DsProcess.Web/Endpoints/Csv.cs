using CsvHelper;

namespace DsProcess.Web.Endpoints;

/// <summary>
/// CSV downloads: RFC 4180 quoting, UTF-8 with a byte-order mark (spreadsheet programs recognise the encoding by
/// it), instants in ISO 8601 UTC. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
/// CR) gets a leading apostrophe, so it opens as text; numbers and dates are written as values and never escaped.
/// </summary>
internal static class Csv
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    /// <summary>One record's values, in the order of the header.</summary>
    public static object?[] Row(params object?[] values) => values;

    public static IResult File(string fileName, string[] header, IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteHeader(header);
            foreach (var row in rows)
            {
                foreach (var value in row)
                {
                    Write(csv, value);
                }

                csv.EndRecord();
            }
        }

        return Results.File(stream.ToArray(), "text/csv; charset=utf-8", fileName);
    }

    /// <summary>Text as escaped text, numbers and dates as values (so -5 stays a number), enums by name.</summary>
    private static void Write(CsvWriter csv, object? value)
    {
        if (value is DateTimeOffset at)
        {
            csv.WriteField(at.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss'Z'");
        }
        else
        {
            csv.WriteField(value);
        }
    }
}

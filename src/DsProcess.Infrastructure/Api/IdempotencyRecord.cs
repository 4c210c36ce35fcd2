namespace DsProcess.Infrastructure.Api;

/// <summary>
/// An API caller's Idempotency-Key and the response its first request got: a retry with the same key gets that
/// response again instead of changing anything a second time.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    /// <summary>Whose key it is: a token (<c>token:{id}</c>) or a signed-in user (<c>user:{id}</c>).</summary>
    public string CallerId { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary>SHA-256 of the method, path and body of the first request, in hex.</summary>
    public string RequestHash { get; private set; } = "";

    /// <summary>Stored with the key, in the same statement.</summary>
    public int? StatusCode { get; private set; }

    public string? ResponseBody { get; private set; }

    public string? Location { get; private set; }

    /// <summary>The version of what the first request changed, as its ETag header gave it, for the next If-Match.</summary>
    public string? ETag { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}

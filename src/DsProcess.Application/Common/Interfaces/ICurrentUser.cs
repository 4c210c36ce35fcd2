namespace DsProcess.Application.Common.Interfaces;

/// <summary>Who is sending the current command or query, as the host knows them (a signed-in user's id, or nobody).</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }

    /// <summary>The API token the request came with; null in the browser.</summary>
    Tokens.ApiCaller? Token { get; }
}

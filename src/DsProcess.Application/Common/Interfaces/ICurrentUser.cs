namespace DsProcess.Application.Common.Interfaces;

/// <summary>Who is sending the current command or query, as the host knows them (a signed-in user's id, or nobody).</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
}

using DsProcess.Domain.Common;

namespace DsProcess.Application.Common.Interfaces;

/// <summary>Who is sending the current command or query.</summary>
public interface ICurrentUser
{
    Actor Actor { get; }
}

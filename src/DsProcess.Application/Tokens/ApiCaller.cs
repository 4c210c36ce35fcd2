using DsProcess.Domain.Integration;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Tokens;

/// <summary>The token a request came with, as checked when it arrived; null for people in the browser.</summary>
public sealed record ApiCaller(Guid TokenId, string Name, TokenKind Kind, TokenScope Scope, Guid? ProjectId, ProjectRole? Role)
{
    public bool IsService => Kind == TokenKind.Service;
}

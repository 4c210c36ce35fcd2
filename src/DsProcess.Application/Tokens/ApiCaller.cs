using DsProcess.Domain.Integration;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Tokens;

/// <summary>
/// The token a request came with, as checked when it arrived (with its <see cref="Owner"/> as the database had them
/// then); null for people in the browser.
/// </summary>
public sealed record ApiCaller(Guid TokenId, string Name, TokenKind Kind, TokenScope Scope, Guid? ProjectId, ProjectRole? Role, Person Owner)
{
    public bool IsService => Kind == TokenKind.Service;
}

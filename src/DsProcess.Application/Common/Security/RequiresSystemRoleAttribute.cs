using DsProcess.Domain.People;

namespace DsProcess.Application.Common.Security;

/// <summary>Only people with one of these system roles may send the message; checked by the authorization behaviour.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresSystemRoleAttribute(params SystemRole[] roles) : Attribute
{
    public IReadOnlyList<SystemRole> Roles { get; } = roles;

    /// <summary>Playbook owners (<see cref="Domain.People.Person.OwnsPlaybooks"/>) may send the message too, whatever their role.</summary>
    public bool PlaybookOwners { get; init; }
}

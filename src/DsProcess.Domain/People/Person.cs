using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.People;

/// <summary>What a person may do across the whole system, before any project role.</summary>
public enum SystemRole
{
    /// <summary>Manages users and settings; reads every project.</summary>
    Admin = 1,

    /// <summary>May create projects (and leads the ones they create).</summary>
    TeamLead = 2,

    /// <summary>Works on the projects they are a member of.</summary>
    Member = 3,

    /// <summary>Managers and stakeholders: read-only, on every project.</summary>
    Viewer = 4,
}

/// <summary>How the app looks to a person: as their device is set (light or dark), or always light or dark.</summary>
public enum Appearance
{
    System = 0,
    Light = 1,
    Dark = 2,
}

/// <summary>A user of DsProcess as the domain knows them; sign-in credentials live with the identity store under the same id.</summary>
public sealed class Person : Entity
{
    private Person()
    {
    }

    public Person(Guid id, string displayName, string email, SystemRole systemRole, Actor by, DateTimeOffset at)
    {
        Id = id;
        DisplayName = Guard.Text(displayName, "Name", Limits.PersonName);
        Email = Guard.Text(email, "E-mail", Limits.Email).ToLowerInvariant();
        SystemRole = systemRole;
        IsActive = true;
        CreatedAt = at;
        Record(ActivityEntry.ForSystem(ActivityKind.PersonCreated, by, at, DisplayName, to: DisplayNames.Of(systemRole)));
    }

    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public SystemRole SystemRole { get; private set; }

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Actor AsActor() => new(Id, DisplayName);

    public bool CanCreateProjects => SystemRole is SystemRole.Admin or SystemRole.TeamLead;

    /// <summary>Admins and system viewers read every project, member or not.</summary>
    public bool ReadsEverything => SystemRole is SystemRole.Admin or SystemRole.Viewer;

    /// <summary>Writes, versions and publishes playbooks beside the admins (<see cref="SetPlaybookOwner"/>).</summary>
    public bool OwnsPlaybooks { get; private set; }

    public void SetPlaybookOwner(bool owns, Actor by, DateTimeOffset at)
    {
        if (owns != OwnsPlaybooks)
        {
            OwnsPlaybooks = owns;
            Record(ActivityEntry.ForSystem(ActivityKind.PlaybookOwnerChanged, by, at, DisplayName, to: owns ? "Playbook owner" : "No longer a playbook owner"));
        }
    }

    /// <summary>How the app looks to them, on every device they sign in on.</summary>
    public Appearance Appearance { get; private set; }

    public void ChooseAppearance(Appearance appearance, DateTimeOffset at)
    {
        if (!Enum.IsDefined(appearance))
        {
            throw new DomainRuleException("Choose the system setting, light or dark.");
        }

        if (appearance != Appearance)
        {
            Record(ActivityEntry.ForSystem(ActivityKind.AppearanceChosen, AsActor(), at, DisplayName, Appearance.ToString(), appearance.ToString()));
            Appearance = appearance;
        }
    }

    public void ChangeSystemRole(SystemRole role, Actor by, DateTimeOffset at)
    {
        if (role == SystemRole)
        {
            return;
        }

        if (by.UserId == Id && SystemRole == SystemRole.Admin)
        {
            throw new DomainRuleException("You cannot take the Admin role away from yourself; ask another admin.");
        }

        var from = SystemRole;
        SystemRole = role;
        Record(ActivityEntry.ForSystem(ActivityKind.SystemRoleChanged, by, at, DisplayName, DisplayNames.Of(from), DisplayNames.Of(role)));
    }

    public void Disable(Actor by, DateTimeOffset at)
    {
        if (by.UserId == Id)
        {
            throw new DomainRuleException("You cannot disable your own account.");
        }

        if (!IsActive)
        {
            throw new DomainRuleException($"{DisplayName} is already disabled.");
        }

        IsActive = false;
        Record(ActivityEntry.ForSystem(ActivityKind.PersonDisabled, by, at, DisplayName));
    }

    public void Enable(Actor by, DateTimeOffset at)
    {
        if (IsActive)
        {
            throw new DomainRuleException($"{DisplayName} is already enabled.");
        }

        IsActive = true;
        Record(ActivityEntry.ForSystem(ActivityKind.PersonEnabled, by, at, DisplayName));
    }
}

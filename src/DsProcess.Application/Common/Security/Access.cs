using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Projects;
using DsProcess.Application.Tokens;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Common.Security;

/// <summary>
/// Who is calling and what they may do, read fresh from the database for every operation, so a disabled
/// account or a removed role takes effect at once. (A token's owner comes with the token, which
/// <see cref="Tokens.CheckedTokens"/> may remember: a change to the account makes every instance forget it.) One per DI
/// scope (one operation).
/// </summary>
public sealed class Access(IAppDbContext db, ICurrentUser user)
{
    private readonly Dictionary<Guid, ProjectAccess> _standings = [];

    private Person? _person;

    /// <summary>The API token the caller presented, if any: it narrows what the person may do.</summary>
    public ApiCaller? Token => user.Token;

    /// <summary>The signed-in, active person; anyone else is refused.</summary>
    public async Task<Person> PersonAsync(CancellationToken cancellationToken)
    {
        if (_person is not null)
        {
            return _person;
        }

        if (user.UserId is not { } id)
        {
            throw new ForbiddenException("Sign in to continue.");
        }

        // A token's owner was read with the token, moments ago in this request.
        var person = (user.Token?.Owner is { } owner && owner.Id == id ? owner : null)
            ?? await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new ForbiddenException("Your account no longer exists.");
        return !person.IsActive
            ? throw new ForbiddenException("Your account is disabled. Ask an administrator.")
            : _person = person;
    }

    /// <summary>
    /// The ids of the projects the caller may read (those whose team they are on, in any role), or null when
    /// they read every project (admins and system viewers).
    /// </summary>
    public async Task<IQueryable<Guid>?> ReadableProjectIdsAsync(CancellationToken cancellationToken)
    {
        var person = await PersonAsync(cancellationToken);
        if (Token is { IsService: true, ProjectId: var projectId })
        {
            return db.Projects.Where(p => p.Id == projectId).Select(p => p.Id);
        }

        return person.ReadsEverything ? null : db.Members.Where(m => m.PersonId == person.Id).Select(m => m.ProjectId);
    }

    /// <summary>
    /// Whether the caller may see people's e-mail addresses: admins, and whoever leads a project (they choose team
    /// members from everyone). Everyone else sees names only.
    /// </summary>
    public async Task<bool> SeesEmailAddressesAsync(CancellationToken cancellationToken)
    {
        var person = await PersonAsync(cancellationToken);
        return Token is not { IsService: true } && (person.SystemRole == SystemRole.Admin
            || await db.Members.AnyAsync(m => m.PersonId == person.Id && m.Roles.Contains(ProjectRole.TeamLead), cancellationToken));
    }

    /// <summary>The caller's standing in a project; refused unless they may at least read it.</summary>
    public async Task<ProjectAccess> ToProjectAsync(Guid projectId, CancellationToken cancellationToken)
    {
        // Read once per operation, like the person: an API request that found the project by its key sends its command
        // in the same scope.
        if (_standings.TryGetValue(projectId, out var known) && known.Project is not null)
        {
            return known;
        }

        // The project's status comes with the caller's roles, in the same round trip: evidence registered against the
        // project is refused while it takes no work (ProjectAccess.EnsureProjectTakesWork).
        var person = await PersonAsync(cancellationToken);
        var project = await db.Projects
            .Where(p => p.Id == projectId)
            .Select(p => new
            {
                State = new ProjectState(p.Key, p.Status, p.StatusReason),
                // A service token stands for its own role, whatever its maker's (Standing ignores these).
                Roles = db.Members.Where(m => m.ProjectId == projectId && m.PersonId == person.Id).Select(m => m.Roles).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return Standing(person, projectId, project?.Roles, project?.State);
    }

    /// <summary>
    /// A project's page header found by its key, with the caller's standing in it, in one round trip; refused unless they
    /// may at least read it.
    /// </summary>
    public async Task<ProjectHeading> ToProjectByKeyAsync(string key, CancellationToken cancellationToken)
    {
        var person = await PersonAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking()
            .WithKey(key)
            .Select(p => new
            {
                p.Id,
                p.Key,
                p.Name,
                p.Status,
                p.StatusReason,
                Roles = db.Members.Where(m => m.ProjectId == p.Id && m.PersonId == person.Id).Select(m => m.Roles).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", key);
        return new ProjectHeading(
            project.Id, project.Key, project.Name, project.Status, Standing(person, project.Id, project.Roles, new ProjectState(project.Key, project.Status, project.StatusReason)));
    }

    /// <summary>
    /// The standing of <paramref name="person"/> (the caller, from <see cref="PersonAsync"/>) in a project whose team
    /// gave them <paramref name="memberRoles"/>, for queries that read the membership with the project; refused unless
    /// they may at least read it. A service token stands in its own project only, with its one role, whatever its
    /// maker may do.
    /// </summary>
    /// <param name="project">The project's key and status when the caller's query read them; kept with the standing so a
    /// later command in the same operation knows whether the project takes work.</param>
    public ProjectAccess Standing(Person person, Guid projectId, IReadOnlyCollection<ProjectRole>? memberRoles, ProjectState? project = null)
    {
        if (Token is { IsService: true } service)
        {
            return service.ProjectId == projectId && service.Role is { } role
                ? _standings[projectId] = new ProjectAccess(person, [role], service) { Project = project }
                : throw new ForbiddenException($"The service token \"{service.Name}\" works on its own project only.");
        }

        var access = new ProjectAccess(person, memberRoles ?? [], Token) { Project = project };
        return access.CanRead ? _standings[projectId] = access : throw new ForbiddenException("You are not on this project's team.");
    }
}

/// <summary>What a standing knows of its project: its key and status, and why it is on hold or cancelled.</summary>
public sealed record ProjectState(string Key, ProjectStatus Status, string? StatusReason);

/// <summary>A project by its key, and what the caller may do in it (<see cref="Access.ToProjectByKeyAsync"/>).</summary>
public sealed record ProjectHeading(Guid Id, string Key, string Name, ProjectStatus Status, ProjectAccess Me);

/// <summary>What one person (or a token acting for them) may do in one project.</summary>
public sealed record ProjectAccess(Person Person, IReadOnlyCollection<ProjectRole> Roles, ApiCaller? Token = null)
{
    /// <summary>The project's key and status, when the standing was read with them (<see cref="Access.ToProjectAsync"/>).</summary>
    public ProjectState? Project { get; init; }

    /// <summary>
    /// Evidence registered against the project (datasets and their versions and quality, experiments, model versions
    /// and stages, metric targets) is work: refused while the project is on hold or cancelled (<see cref="WorkRules.WhyNoWork"/>).
    /// </summary>
    public void EnsureProjectTakesWork()
    {
        if (Project is { } project && WorkRules.WhyNoWork(project.Key, project.Status, project.StatusReason) is { } why)
        {
            throw new Domain.Common.DomainRuleException(why);
        }
    }

    /// <summary>Who the activity log names: the person, or "via token NAME of PERSON" for a call with a token.</summary>
    public Domain.Common.Actor Actor => Token is null ? Person.AsActor() : new(Person.Id, $"via token {Token.Name} of {Person.DisplayName}");

    /// <summary>A service token stands in for a role, never for its maker: it is nobody's assignee and reads no other project.</summary>
    private Guid? OwnId => Token is { IsService: true } ? null : Person.Id;

    public bool IsLead => Roles.Contains(ProjectRole.TeamLead);

    /// <summary>Team members read their project; admins and system viewers read every project.</summary>
    public bool CanRead => Roles.Count > 0 || (OwnId is not null && Person.ReadsEverything);

    /// <summary>Planning (tasks, dates, assignments, team, phases) is the team lead's.</summary>
    public bool CanPlan => IsLead;

    /// <summary>A task's status and checklist: its assignee, holders of its roles, or a team lead.</summary>
    public bool CanWorkOn(Guid? assigneeId, ProjectRole responsibleRole, IEnumerable<ProjectRole> supportingRoles) =>
        IsLead || (assigneeId is not null && assigneeId == OwnId) || Roles.Contains(responsibleRole) || supportingRoles.Any(Roles.Contains);

    public bool CanWorkOn(ProjectTask task) => CanWorkOn(task.AssigneeId, task.ResponsibleRole, task.SupportingRoles);

    /// <summary>A phase's gate is worked (criteria ticked, submitted) by the roles owning its tasks, or a team lead.</summary>
    public bool CanWorkGate(IEnumerable<ProjectRole> phaseWorkingRoles) => IsLead || phaseWorkingRoles.Any(Roles.Contains);

    /// <summary>A gate is decided by a team lead, or by the role receiving the work (none for the outcome review).</summary>
    public bool CanDecideGate(ProjectRole? decidingRole) => IsLead || (decidingRole is { } role && Roles.Contains(role));

    /// <summary>Handed-over work is acknowledged by the receiving task's assignee, a holder of the receiving role, or a team lead.</summary>
    public bool CanAcknowledge(Guid? receivingAssigneeId, ProjectRole toRole) =>
        IsLead || (receivingAssigneeId is not null && receivingAssigneeId == OwnId) || Roles.Contains(toRole);

    /// <summary>Datasets, their versions and quality facts: data engineers, data scientists and team leads.</summary>
    public bool CanRegisterData => IsLead || Roles.Contains(ProjectRole.DataEngineer) || Roles.Contains(ProjectRole.DataScientist);

    /// <summary>Experiments, model versions, their stages up to approval, and metric targets: data scientists and team leads.</summary>
    public bool CanRegisterModels => IsLead || Roles.Contains(ProjectRole.DataScientist);

    /// <summary>Who marks a model version deployed (in production), and hears when one meets its targets.</summary>
    public static readonly IReadOnlyList<ProjectRole> DeployerRoles = [ProjectRole.MLEngineer, ProjectRole.TeamLead];

    /// <summary>Marking a model version deployed (in production): the <see cref="DeployerRoles"/>.</summary>
    public bool CanDeployModels => DeployerRoles.Any(Roles.Contains);

    /// <summary>Marking a version in production is the deployers'; every other stage move is the model registrars'.</summary>
    public bool CanMoveModelTo(Domain.Evidence.ModelStage stage) =>
        stage == Domain.Evidence.ModelStage.InProduction ? CanDeployModels : CanRegisterModels;

    /// <summary>Who runs a project's operations: deployments, pipeline runs, monitors and their signals.</summary>
    public static readonly IReadOnlyList<ProjectRole> OperatorRoles = [ProjectRole.MLEngineer, ProjectRole.TeamLead];

    /// <summary>Who triages alerts (dismiss or open rework), and hears when one opens.</summary>
    public static readonly IReadOnlyList<ProjectRole> TriageRoles = [ProjectRole.MLEngineer, ProjectRole.DataScientist, ProjectRole.TeamLead];

    /// <summary>Deployments, pipeline runs and monitors: the <see cref="OperatorRoles"/>.</summary>
    public bool CanOperate => OperatorRoles.Any(Roles.Contains);

    /// <summary>Signals for a monitor (by hand, or a scoring job's service token): the <see cref="OperatorRoles"/>.</summary>
    public bool CanRecordSignals => CanOperate;

    /// <summary>Dismissing an alert or turning it into rework: the <see cref="TriageRoles"/>.</summary>
    public bool CanTriageAlerts => TriageRoles.Any(Roles.Contains);

    public void EnsureCanOperate(string action)
    {
        if (!CanOperate)
        {
            throw new ForbiddenException($"Only an ML engineer or the team lead can {action}.");
        }
    }

    public void EnsureCanRecordSignals()
    {
        if (!CanRecordSignals)
        {
            throw new ForbiddenException("Only an ML engineer or the team lead (or their service token) can send a monitor's signals.");
        }
    }

    public void EnsureCanTriageAlerts()
    {
        if (!CanTriageAlerts)
        {
            throw new ForbiddenException("Only an ML engineer, a data scientist or the team lead can triage an alert.");
        }
    }

    /// <summary>
    /// Who records business KPI values: the team lead and the data scientists, the roles that own the Business Analysis
    /// phase's tasks in the playbook (the performance report, dashboards, the recommendation).
    /// </summary>
    public static readonly IReadOnlyList<ProjectRole> KpiRecorderRoles = [ProjectRole.TeamLead, ProjectRole.DataScientist];

    /// <summary>Business KPIs (name, unit, baseline, target) are defined, changed and removed by the team lead.</summary>
    public bool CanDefineKpis => IsLead;

    /// <summary>KPI values are recorded by the <see cref="KpiRecorderRoles"/>.</summary>
    public bool CanRecordKpiValues => KpiRecorderRoles.Any(Roles.Contains);

    public void EnsureCanDefineKpis()
    {
        if (!CanDefineKpis)
        {
            throw new ForbiddenException("Only the project's team lead defines its business KPIs.");
        }
    }

    public void EnsureCanRecordKpiValues()
    {
        if (!CanRecordKpiValues)
        {
            throw new ForbiddenException("Only a data scientist or the team lead records KPI values.");
        }
    }

    /// <summary>Webhooks (and the project's other integrations) and their delivery log: the team lead only.</summary>
    public bool CanManageIntegrations => IsLead;

    public void EnsureCanManageIntegrations()
    {
        if (!CanManageIntegrations)
        {
            throw new ForbiddenException("Only the project's team lead manages its integrations and sees their delivery log.");
        }
    }

    public void EnsureCanRegisterData()
    {
        if (!CanRegisterData)
        {
            throw new ForbiddenException("Only a data engineer, a data scientist or the team lead can register datasets.");
        }

        EnsureProjectTakesWork();
    }

    public void EnsureCanRegisterModels()
    {
        if (!CanRegisterModels)
        {
            throw new ForbiddenException("Only a data scientist or the team lead can register models and set metric targets.");
        }

        EnsureProjectTakesWork();
    }

    public void EnsureCanMoveModelTo(Domain.Evidence.ModelStage stage)
    {
        if (!CanMoveModelTo(stage))
        {
            throw new ForbiddenException(stage == Domain.Evidence.ModelStage.InProduction
                ? "Only an ML engineer or the team lead can mark a model version deployed."
                : "Only a data scientist or the team lead can change a model version's stage.");
        }

        EnsureProjectTakesWork();
    }

    public void EnsureCanPlan(string action)
    {
        if (!CanPlan)
        {
            throw new ForbiddenException($"Only the project's team lead can {action}.");
        }
    }

    public void EnsureCanWorkOn(ProjectTask task)
    {
        if (!CanWorkOn(task))
        {
            throw new ForbiddenException(
                $"Only the assignee, a {DisplayNames.Of(task.ResponsibleRole).ToLowerInvariant()} or a supporting role, or the team lead can change \"{task.Title}\".");
        }
    }
}

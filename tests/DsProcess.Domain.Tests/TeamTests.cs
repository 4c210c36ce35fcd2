using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

public sealed class TeamTests
{
    private static readonly Guid Dana = Guid.NewGuid();
    private static readonly Guid Sid = Guid.NewGuid();

    [Fact]
    public void The_creator_becomes_the_first_team_lead()
    {
        var project = Build.Project();

        var lead = Assert.Single(project.Members);
        Assert.Equal(Build.Lead.UserId, lead.PersonId);
        Assert.Equal([ProjectRole.TeamLead], lead.Roles);
    }

    [Fact]
    public void A_project_needs_a_person_to_create_it()
    {
        Assert.Throws<DomainRuleException>(() => Project.CreateFromPlaybook(
            DefaultPlaybook.Create(), "ANON", "Anonymous", null, Build.Today, Build.Today.AddDays(9), Actor.System, Build.Now));
    }

    [Fact]
    public void Members_hold_one_or_more_roles_and_join_once()
    {
        var project = Build.Project();

        project.AddMember(Dana, "Dana", [ProjectRole.DataScientist, ProjectRole.DataEngineer, ProjectRole.DataScientist], Build.Lead, Build.Now);

        Assert.Equal([ProjectRole.DataEngineer, ProjectRole.DataScientist], project.RolesOf(Dana));
        Assert.Throws<DomainRuleException>(() => project.AddMember(Dana, "Dana", [ProjectRole.Viewer], Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => project.AddMember(Sid, "Sid", [], Build.Lead, Build.Now));
        Assert.Equal(ActivityKind.MemberAdded, project.PendingActivity[^1].Kind);
    }

    [Fact]
    public void The_last_team_lead_can_be_neither_removed_nor_demoted()
    {
        var project = Build.Project();
        var lead = Build.Lead.UserId!.Value;

        Assert.Throws<DomainRuleException>(() => project.RemoveMember(lead, "Lea", Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => project.ChangeMemberRoles(lead, "Lea", [ProjectRole.DataScientist], Build.Lead, Build.Now));

        project.AddMember(Dana, "Dana", [ProjectRole.TeamLead], Build.Lead, Build.Now);
        project.ChangeMemberRoles(lead, "Lea", [ProjectRole.DataScientist], Build.Lead, Build.Now);

        Assert.Equal([ProjectRole.DataScientist], project.RolesOf(lead));
        Assert.Throws<DomainRuleException>(() => project.RemoveMember(Dana, "Dana", Build.Lead, Build.Now));
    }

    [Fact]
    public void A_task_is_assigned_only_to_a_holder_of_its_responsible_or_supporting_role()
    {
        var project = Build.Project();
        var feature = Build.Task(project, "Feature engineering");

        var refused = Assert.Throws<DomainRuleException>(() =>
            feature.Assign(Sid, "Sid", [ProjectRole.MLEngineer], null, Build.Lead, Build.Now));
        Assert.Contains("data scientist or data engineer", refused.Message, StringComparison.Ordinal);
        Assert.Null(feature.AssigneeId);

        feature.Assign(Dana, "Dana", [ProjectRole.DataEngineer], null, Build.Lead, Build.Now);
        Assert.Equal(Dana, feature.AssigneeId);
        var entry = feature.PendingActivity[^1];
        Assert.Equal(ActivityKind.TaskAssigned, entry.Kind);
        Assert.Equal("Dana", entry.To);

        feature.Assign(null, null, [], "Dana", Build.Lead, Build.Now);
        Assert.Null(feature.AssigneeId);
    }

    [Fact]
    public void Losing_a_role_or_leaving_the_team_hands_open_tasks_back_to_the_role()
    {
        var project = Build.Project();
        project.AddMember(Dana, "Dana", [ProjectRole.DataEngineer, ProjectRole.DataScientist], Build.Lead, Build.Now);
        var collection = Build.Task(project, "Data collection");
        var features = Build.Task(project, "Feature engineering");
        var experiments = Build.Task(project, "Model experimentation");
        collection.Assign(Dana, "Dana", project.RolesOf(Dana), null, Build.Lead, Build.Now);
        features.Assign(Dana, "Dana", project.RolesOf(Dana), null, Build.Lead, Build.Now);
        experiments.Assign(Dana, "Dana", project.RolesOf(Dana), null, Build.Lead, Build.Now);

        project.ChangeMemberRoles(Dana, "Dana", [ProjectRole.DataEngineer], Build.Lead, Build.Now);

        Assert.Equal(Dana, collection.AssigneeId);
        Assert.Equal(Dana, features.AssigneeId);
        Assert.Null(experiments.AssigneeId);

        project.RemoveMember(Dana, "Dana", Build.Lead, Build.Now);

        Assert.Null(collection.AssigneeId);
        Assert.Null(features.AssigneeId);
        Assert.Empty(project.RolesOf(Dana));
    }

    [Fact]
    public void Admins_cannot_lock_themselves_out()
    {
        var admin = new Person(Guid.NewGuid(), "Ada Admin", "ada@example.com", SystemRole.Admin, Actor.System, Build.Now);

        Assert.Throws<DomainRuleException>(() => admin.Disable(admin.AsActor(), Build.Now));
        Assert.Throws<DomainRuleException>(() => admin.ChangeSystemRole(SystemRole.Member, admin.AsActor(), Build.Now));
        Assert.True(admin.IsActive);
        Assert.Equal("ada@example.com", admin.Email);
    }

    [Fact]
    public void Disabling_and_enabling_are_recorded_and_not_repeated()
    {
        var person = new Person(Guid.NewGuid(), "Vic Viewer", "Vic@Example.com", SystemRole.Viewer, Actor.System, Build.Now);

        person.Disable(Build.Lead, Build.Now);
        Assert.Throws<DomainRuleException>(() => person.Disable(Build.Lead, Build.Now));
        person.Enable(Build.Lead, Build.Now);

        Assert.True(person.IsActive);
        Assert.Equal("vic@example.com", person.Email);
        Assert.Equal(
            [ActivityKind.PersonCreated, ActivityKind.PersonDisabled, ActivityKind.PersonEnabled],
            person.PendingActivity.Select(a => a.Kind));
        Assert.All(person.PendingActivity, a => Assert.Null(a.ProjectId));
    }
}

using DsProcess.Domain.Activity;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DsProcess.Application.Common.Interfaces;

/// <summary>The database as the use cases see it; no repositories in between.</summary>
public interface IAppDbContext
{
    DbSet<Person> People { get; }

    DbSet<ProjectMember> Members { get; }

    DbSet<Playbook> Playbooks { get; }

    DbSet<Project> Projects { get; }

    DbSet<ProjectPhase> Phases { get; }

    DbSet<ProjectTask> Tasks { get; }

    DbSet<ActivityEntry> Activity { get; }

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity)
        where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Data.Configurations;
using DsProcess.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DsProcess.Infrastructure.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IAppDbContext
{
    public DbSet<Person> People => Set<Person>();

    public DbSet<ProjectMember> Members => Set<ProjectMember>();

    public DbSet<Playbook> Playbooks => Set<Playbook>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProjectPhase> Phases => Set<ProjectPhase>();

    public DbSet<ProjectTask> Tasks => Set<ProjectTask>();

    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();

    /// <summary>
    /// Saves the changes together with the activity entries they produced, in one transaction, and turns
    /// database refusals into the application's exceptions.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<Entity>().ToList())
        {
            Activity.AddRange(entry.Entity.PendingActivity);
            entry.Entity.ClearPendingActivity();
        }

        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ConflictException.StaleEdit);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            throw pg.ConstraintName switch
            {
                ProjectConfiguration.KeyIndex => new ValidationException(nameof(Project.Key), "That key is already used by another project."),
                PersonConfiguration.EmailIndex => new ValidationException(nameof(Person.Email), "Someone already uses that e-mail address."),
                _ => new ConflictException("This was already saved by someone else. Nothing was changed."),
            };
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync so activity is recorded.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Infrastructure.Data;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Identity;

internal sealed class IdentityService(
    UserManager<ApplicationUser> users,
    AppDbContext db,
    TimeProvider clock,
    IOptions<AuthOptions> options) : IIdentityService
{
    /// <summary>The PostgreSQL advisory lock that serialises self-registrations (an arbitrary number, used for nothing else).</summary>
    private const long RegistrationLock = 0x4473_5072_6f63_0001;

    public async Task<bool> IsRegistrationOpenAsync(CancellationToken cancellationToken) =>
        SelfRegistration || !await db.People.AnyAsync(cancellationToken);

    /// <summary>People register their own accounts only while they may sign in with a password.</summary>
    private bool SelfRegistration => options.Value.AllowSelfRegistration && options.Value.LocalSignIn;

    public Task<Guid?> RegisterAsync(string email, string displayName, string password, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // Deciding "first account, so Admin" and creating it happen under one lock, held until commit: of two
            // people registering on an empty system at once, the second sees the first's account.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RegistrationLock})", cancellationToken);
            var first = !await db.People.AnyAsync(cancellationToken);
            if (!first && !SelfRegistration)
            {
                return (Guid?)null;
            }

            var id = await CreateUserAsync(email, displayName, first ? SystemRole.Admin : SystemRole.Member, password, Actor.System, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return id;
        });

    public Task<Guid> CreateExternalUserAsync(string email, string displayName, SystemRole role, CancellationToken cancellationToken) =>
        CreateAsync(email, displayName, role, password: null, Actor.System);

    public Task<Guid> CreateUserAsync(string email, string displayName, SystemRole role, string password, Actor by, CancellationToken cancellationToken) =>
        CreateAsync(email, displayName, role, password, by);

    private async Task<Guid> CreateAsync(string email, string displayName, SystemRole role, string? password, Actor by)
    {
        var user = new ApplicationUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            LockoutEnabled = true,
        };

        // The person is saved by the same SaveChanges as the user: both or neither.
        db.People.Add(new Person(user.Id, displayName, email, role, by, clock.GetUtcNow()));
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            throw new ValidationException(result.Errors.Select(e => new ValidationFailure(FieldOf(e), e.Description)));
        }

        return user.Id;
    }

    public async Task SetSignInAllowedAsync(Guid userId, bool allowed, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("User", userId);
        await users.SetLockoutEndDateAsync(user, allowed ? null : DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
    }

    public async Task EndSessionsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("User", userId);
        await users.UpdateSecurityStampAsync(user);
    }

    private static string FieldOf(IdentityError error) =>
        error.Code.Contains("Password", StringComparison.Ordinal) ? "Password"
        : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Email"
        : "";
}

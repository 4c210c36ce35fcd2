using System.Security.Claims;
using DsProcess.Infrastructure.Data;
using DsProcess.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DsProcess.Web.Components.Account;

/// <summary>
/// Re-checks an open tab's user every <see cref="AuthOptions.RevalidationInterval"/>: a disabled account, or one
/// whose sign-in stamp changed (role changed, password changed), is signed out of the tab. While the database cannot
/// be reached the tab stays signed in and is checked again at the next interval: an outage signs nobody out.
/// </summary>
internal sealed partial class RevalidatingPersonAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    IOptions<AuthOptions> auth)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => auth.Value.RevalidationInterval;

    private readonly ILogger _logger = loggerFactory.CreateLogger<RevalidatingPersonAuthenticationStateProvider>();

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        try
        {
            return await IsStillValidAsync(state, cancellationToken);
        }
        catch (Exception ex) when (DatabaseOutage.Is(ex))
        {
            LogDeferred(ex.Message);
            return true;
        }
    }

    private async Task<bool> IsStillValidAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null)
        {
            return false;
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var active = await db.People.AnyAsync(p => p.Id == user.Id && p.IsActive, cancellationToken);
        var stamp = state.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return active && stamp == await users.GetSecurityStampAsync(user);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check a signed-in user, the database is unavailable ({Reason}); checking again next interval")]
    private partial void LogDeferred(string reason);
}

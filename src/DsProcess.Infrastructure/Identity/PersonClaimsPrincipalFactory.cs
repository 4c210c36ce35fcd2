using System.Security.Claims;
using DsProcess.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Identity;

/// <summary>
/// Puts the person's display name, system role, playbook ownership and appearance into the sign-in cookie, for the UI only: the
/// application layer reads them fresh from the database.
/// </summary>
internal sealed class PersonClaimsPrincipalFactory(
    UserManager<ApplicationUser> users,
    IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == user.Id);
        if (person is not null)
        {
            identity.AddClaim(new Claim(AppClaims.DisplayName, person.DisplayName));
            identity.AddClaim(new Claim(ClaimTypes.Role, person.SystemRole.ToString()));
            identity.AddClaim(new Claim(AppClaims.Appearance, person.Appearance.ToString()));
            if (person.OwnsPlaybooks)
            {
                identity.AddClaim(new Claim(ClaimTypes.Role, AppClaims.PlaybookOwnerRole));
            }
        }

        return identity;
    }
}

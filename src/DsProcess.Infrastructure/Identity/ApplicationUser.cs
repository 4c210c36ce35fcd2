using Microsoft.AspNetCore.Identity;

namespace DsProcess.Infrastructure.Identity;

/// <summary>Sign-in credentials; the person behind them (name, system role, active) is the domain's <c>Person</c> with the same id.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>;

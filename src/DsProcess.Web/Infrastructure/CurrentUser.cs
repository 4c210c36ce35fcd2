using DsProcess.Application.Common.Interfaces;

namespace DsProcess.Web.Infrastructure;

/// <summary>The user of the current DI scope; set by whoever opens the scope (a UI operation or a request).</summary>
internal sealed class CurrentUser : ICurrentUser
{
    public Guid? UserId { get; set; }
}

using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Tokens;

namespace DsProcess.Web.Infrastructure;

/// <summary>The user of the current DI scope; set by whoever opens the scope (a UI operation or a request).</summary>
internal sealed class CurrentUser : ICurrentUser
{
    public Guid? UserId { get; set; }

    public ApiCaller? Token { get; set; }
}

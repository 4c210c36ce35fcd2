using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Common;

namespace DsProcess.Web.Infrastructure;

/// <summary>The user of the current DI scope; set by whoever opens the scope (a UI operation or a request).</summary>
internal sealed class CurrentUser : ICurrentUser
{
    public static readonly Actor Guest = new(null, "Team lead");

    public Actor Actor { get; set; } = Guest;
}

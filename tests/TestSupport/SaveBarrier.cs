using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DsProcess.Tests;

/// <summary>
/// Makes commands race deterministically: once armed, each save waits (just before its SQL is sent) until the
/// given number of saves have loaded what they decided on and arrived, then all go on together.
/// Register it with <c>services.ConfigureDbContext&lt;AppDbContext&gt;(o =&gt; o.AddInterceptors(barrier))</c>.
/// </summary>
public sealed class SaveBarrier : SaveChangesInterceptor
{
    private Barrier? _barrier;

    public void Arm(int saves) => _barrier = new Barrier(saves);

    public void Disarm() => Interlocked.Exchange(ref _barrier, null)?.Dispose();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (_barrier is { } barrier)
        {
            // A participant refused before saving never arrives: the others go on after the timeout.
            await Task.Run(() => barrier.SignalAndWait(TimeSpan.FromSeconds(10), cancellationToken), cancellationToken);
        }

        return result;
    }
}

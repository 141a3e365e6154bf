namespace IpbesFlow.Common;

/// <summary>Asks the scheduler for a firing at each instant, right after a commit stored steps due then. It is an
/// acceleration only: the stored state is the truth, and the reconciler and the periodic sweep find every due step
/// from the database, so a process killed between the commit and this call loses nothing.</summary>
public interface ITimerScheduler
{
    Task EnsureFiringsAsync(IReadOnlyCollection<DateTimeOffset> instants, CancellationToken cancellationToken);
}

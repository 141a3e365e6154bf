using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace IpbesFlow.Scheduling;

/// <summary>Makes Quartz match the stored state: one trigger per distinct instant at which a step is due (not one per
/// step: 10,000 windows closing at the same 23:59 need one firing), keyed by the instant so that every node, run and
/// restart computes the same key. Nothing is lost if a trigger is: the periodic sweep and the start-up catch-up find
/// due steps from the database alone.</summary>
public sealed class TimerReconciler(IServiceScopeFactory scopes, ISchedulerFactory schedulers, TimeProvider time)
{
    /// <summary>How far ahead triggers are kept; later instants are added as they come near.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(7);

    public static TriggerKey KeyFor(DateTimeOffset instant) => new($"due-{instant.UtcDateTime:yyyyMMdd'T'HHmmss.fff'Z'}", DueStepsJob.Group);

    /// <summary>Returns how many triggers it created.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + Horizon;
        List<DateTimeOffset> instants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
            // A window's close is asked for by the commit that opens it (and found by the sweep if that is lost).
            instants = await db.AssessmentSteps
                .Where(s => s.DueAt > now && s.DueAt <= until)
                .Select(s => s.DueAt!.Value).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var created = 0;
        foreach (var instant in instants)
        {
            if (await EnsureFiringAsync(scheduler, instant, time, cancellationToken))
            {
                created++;
            }
        }

        return created;
    }

    /// <summary>One firing of the due-steps job at <paramref name="instant"/> (at once if it has passed); true if this
    /// call created it.</summary>
    internal static async Task<bool> EnsureFiringAsync(IScheduler scheduler, DateTimeOffset instant, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = KeyFor(instant);
        if (await scheduler.Exists(key, cancellationToken))
        {
            return false;
        }

        // An instant already passed (an assessment created with past dates) fires now: a trigger dated in the past would
        // wait for Quartz's misfire handling, up to a minute, and what the commit made due would wait with it.
        var now = time.GetUtcNow();
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(key)
            .ForJob(DueStepsJob.Key)
            .StartAt(instant > now ? instant : now)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        try
        {
            await scheduler.ScheduleJob(trigger, default, cancellationToken);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node scheduled the same instant first: the deterministic key makes that harmless.
            return false;
        }
    }
}

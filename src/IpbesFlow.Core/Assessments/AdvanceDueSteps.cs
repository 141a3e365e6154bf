using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Assessments;

/// <summary>One batch of the timer path: the assessments with a step due now are advanced (opened, closed, reached),
/// their events journaled and notified at the save, in one transaction. The caller repeats until a batch finds nothing: that is how thousands of
/// review windows that close at the same 23:59 are closed by one timer, not by thousands. An assessment that cannot be
/// advanced (its data is broken) is left as it was and deferred with a backoff; the others commit.</summary>
/// <param name="BatchSize">How many assessments one transaction advances.</param>
/// <param name="Cause">What set the path off (the timer that fired, the start-up catch-up), for the journal.</param>
/// <param name="Only">One assessment alone: how the runner finds which of a batch the database refused.</param>
public sealed record AdvanceDueSteps(int BatchSize = 1000, string? Cause = null, Guid? Only = null) : ICommand<AdvanceResult>;

/// <summary>How many assessments the batch changed and how many steps moved; <see cref="Deferred"/> assessments could
/// not be advanced and wait for their backoff.</summary>
public sealed record AdvanceResult(int Assessments, int Transitions, int Deferred = 0);

public sealed partial class AdvanceDueStepsHandler(IpbesFlowDbContext db, TimeProvider time, ILogger<AdvanceDueStepsHandler> logger)
    : ICommandHandler<AdvanceDueSteps, AdvanceResult>
{
    public const string Actor = "engine";

    public async ValueTask<AdvanceResult> Handle(AdvanceDueSteps command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await DueAssessmentsAsync(db, now, command.BatchSize, command.Only, cancellationToken);
        if (due.Count == 0)
        {
            return new AdvanceResult(0, 0);
        }

        var assessments = await db.Assessments.Include(a => a.Steps).Where(a => due.Contains(a.Id)).ToListAsync(cancellationToken);
        var transitions = 0;
        var deferred = 0;
        foreach (var assessment in assessments)
        {
            try
            {
                transitions += assessment.AdvanceTo(now, Actor, command.Cause).Count;
            }
            catch (Exception e) when (e is not (OperationCanceledException or DbUpdateConcurrencyException))
            {
                // Whatever this assessment's steps did in memory is dropped, with the events it raised (they are
                // journaled at the save, only for the assessments that worked).
                LogDeferred(logger, e, assessment.Id);
                assessment.ClearDomainEvents();
                foreach (var step in assessment.Steps)
                {
                    await db.Entry(step).ReloadAsync(cancellationToken);
                }

                Defer(assessment, e, now);
                deferred++;
            }
        }

        return new AdvanceResult(assessments.Count, transitions, deferred);
    }

    private static void Defer(Assessment assessment, Exception error, DateTimeOffset now)
    {
        foreach (var step in assessment.Steps.Where(s => s.DueAt <= now))
        {
            step.Deferred($"{error.GetType().Name}: {error.Message}", now);
        }
    }

    /// <summary>Steps with something to do at <paramref name="now"/>: their stored <see cref="AssessmentStep.DueAt"/>
    /// (<see cref="AssessmentStep.NextDueAt"/> as saved) has come.</summary>
    public static IQueryable<AssessmentStep> DueSteps(IpbesFlowDbContext db, DateTimeOffset now) =>
        db.AssessmentSteps.Where(s => s.DueAt <= now);

    /// <summary>The assessments with a step due now, in a stable order.</summary>
    public static async Task<IReadOnlyList<Guid>> DueAssessmentsAsync(IpbesFlowDbContext db, DateTimeOffset now, int take, Guid? only, CancellationToken cancellationToken)
    {
        var due = DueSteps(db, now);
        if (only is { } id)
        {
            due = due.Where(s => s.AssessmentId == id);
        }

        return await due.Select(s => s.AssessmentId).Distinct().OrderBy(i => i).Take(take).ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Assessment {AssessmentId} could not be advanced; it is left as it was and taken again after a backoff")]
    private static partial void LogDeferred(ILogger logger, Exception exception, Guid assessmentId);
}

using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Assessments;

/// <summary>One batch of the timer path: the assessments with a step due now are advanced (opened, closed, reached)
/// and journaled, in one transaction. The caller repeats until a batch finds nothing: that is how thousands of
/// review windows that close at the same 23:59 are closed by one timer, not by thousands. An assessment that cannot be
/// advanced (its data is broken) is left as it was and deferred with a backoff; the others commit.</summary>
/// <param name="BatchSize">How many assessments one transaction advances.</param>
/// <param name="Cause">What set the path off (the timer that fired, the start-up catch-up), for the journal.</param>
/// <param name="Only">One assessment alone: how the runner finds which of a batch the database refused.</param>
public sealed record AdvanceDueSteps(int BatchSize = 1000, string? Cause = null, Guid? Only = null) : ICommand<AdvanceResult>;

/// <summary>How many assessments the batch changed and how many steps moved; <see cref="Deferred"/> assessments could
/// not be advanced and wait for their backoff.</summary>
public sealed record AdvanceResult(int Assessments, int Transitions, int Deferred = 0);

public sealed partial class AdvanceDueStepsHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, TimeProvider time, ILogger<AdvanceDueStepsHandler> logger)
    : ICommandHandler<AdvanceDueSteps, AdvanceResult>
{
    public const string Actor = "engine";

    /// <summary>Queued for the assessment's TSU, whatever the definition says, while a review it has not set up nears its
    /// opening.</summary>
    public const string SetUpDue = "setup-due";

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
                var (entries, events) = WithNotifications(assessment, assessment.AdvanceTo(now, Actor, command.Cause), now);
                db.JournalEntries.AddRange(entries);
                db.NotificationEvents.AddRange(events);
                transitions += entries.Count;
            }
            catch (Exception e) when (e is not (OperationCanceledException or DbUpdateConcurrencyException))
            {
                // Whatever this assessment's steps did in memory is dropped; nothing was added for it (the entries and
                // events are added only once it has all worked).
                LogDeferred(logger, e, assessment.Id);
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

    /// <summary>Each transition whose step's definition says it notifies (<c>notify:</c> opened, closed, assigned,
    /// reached) queues that event in the same transaction; the dispatcher finds the people from the step's audience.
    /// A notice that a review is not set up goes to the TSU whatever the definition says. The transition's journal
    /// entry says so (<c>notification queued: closed</c>): one row, not two, per transition matters when ten thousand
    /// reviews close at the same instant.</summary>
    private (List<JournalEntry> Entries, List<NotificationEvent> Events) WithNotifications(Assessment assessment, IReadOnlyList<JournalEntry> transitions, DateTimeOffset now)
    {
        var definition = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion);
        var entries = new List<JournalEntry>(transitions.Count);
        var events = new List<NotificationEvent>();
        foreach (var entry in transitions)
        {
            var step = assessment.Steps.First(s => s.StepId == entry.StepId);
            var @event = (entry.Action, step.IsHuman) switch
            {
                ("step.opened", true) => "assigned",
                ("step.opened", false) => "opened",
                ("step.closed", _) => "closed",
                ("step.reached", _) => "reached",
                ("step.reminder", _) => "reminder",
                ("step.overdue", _) => "overdue",
                ("step.setup-notice", _) => SetUpDue,
                _ => null,
            };
            if (@event == SetUpDue || (@event is not null && definition?.FindStep(step.StepId)?.Notify.ContainsKey(@event) == true))
            {
                object payload = @event switch
                {
                    // The days actually left: after a reschedule a reminder set for 3 days before the close may go
                    // out with less than one left, and saying "3 days" then would mislead.
                    "reminder" => new { daysLeft = DaysUntil(step.ClosesAt, now) },
                    SetUpDue => new { daysLeft = DaysUntil(step.OpensAt, now) },
                    _ => new { },
                };
                events.Add(NotificationEvent.Queue(assessment.Id, @event, step.StepId, payload, Actor, now));
                entries.Add(entry.With($"notification queued: {@event}"));
            }
            else
            {
                entries.Add(entry);
            }
        }

        return (entries, events);
    }

    private static int? DaysUntil(DateTimeOffset? instant, DateTimeOffset now) =>
        instant is { } at ? Math.Max(1, (int)Math.Ceiling((at - now).TotalDays)) : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Assessment {AssessmentId} could not be advanced; it is left as it was and taken again after a backoff")]
    private static partial void LogDeferred(ILogger logger, Exception exception, Guid assessmentId);
}

using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>One batch of the timer path: the assessments with a step due now are advanced (opened, closed, reached)
/// and journaled, in one transaction. The caller repeats until a batch finds nothing: that is how thousands of
/// review windows that close at the same 23:59 are closed by one timer, not by thousands.</summary>
/// <param name="BatchSize">How many assessments one transaction advances.</param>
/// <param name="Cause">What set the path off (the timer that fired, the start-up catch-up), for the journal.</param>
public sealed record AdvanceDueSteps(int BatchSize = 1000, string? Cause = null) : ICommand<AdvanceResult>;

/// <summary>How many assessments the batch changed and how many steps moved.</summary>
public sealed record AdvanceResult(int Assessments, int Transitions);

public sealed class AdvanceDueStepsHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, TimeProvider time) : ICommandHandler<AdvanceDueSteps, AdvanceResult>
{
    public const string Actor = "engine";

    public async ValueTask<AdvanceResult> Handle(AdvanceDueSteps command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await DueSteps(db, now)
            .Select(s => s.AssessmentId)
            .Distinct()
            .OrderBy(id => id)
            .Take(command.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return new AdvanceResult(0, 0);
        }

        var assessments = await db.Assessments.Include(a => a.Steps).Where(a => due.Contains(a.Id)).ToListAsync(cancellationToken);
        var transitions = 0;
        foreach (var assessment in assessments)
        {
            var entries = assessment.AdvanceTo(now, Actor, command.Cause);
            db.JournalEntries.AddRange(QueueNotifications(assessment, entries, now));
            transitions += entries.Count;
        }

        return new AdvanceResult(assessments.Count, transitions);
    }

    /// <summary>Each transition whose step's definition says it notifies (<c>notify:</c> opened, closed, assigned,
    /// reached) queues that event in the same transaction; the dispatcher finds the people from the step's audience.
    /// The transition's journal entry says so (<c>notification queued: closed</c>): one row, not two, per transition
    /// matters when ten thousand reviews close at the same instant.</summary>
    private IEnumerable<JournalEntry> QueueNotifications(Assessment assessment, IReadOnlyList<JournalEntry> entries, DateTimeOffset now)
    {
        var definition = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion);
        foreach (var entry in entries)
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
                _ => null,
            };
            if (@event is not null && definition?.FindStep(step.StepId)?.Notify.ContainsKey(@event) == true)
            {
                object payload = @event == "reminder" ? new { daysLeft = step.LatestReminderDays } : new { };
                db.NotificationEvents.Add(NotificationEvent.Queue(assessment.Id, @event, step.StepId, payload, Actor, now));
                yield return entry.With($"notification queued: {@event}");
            }
            else
            {
                yield return entry;
            }
        }
    }

    /// <summary>Steps with something to do at <paramref name="now"/>: their stored <see cref="AssessmentStep.DueAt"/>
    /// (<see cref="AssessmentStep.NextDueAt"/> as saved) has come.</summary>
    public static IQueryable<AssessmentStep> DueSteps(IpbesFlowDbContext db, DateTimeOffset now) =>
        db.AssessmentSteps.Where(s => s.DueAt <= now);
}

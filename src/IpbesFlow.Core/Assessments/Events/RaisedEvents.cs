using System.Collections.Frozen;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;

namespace IpbesFlow.Assessments.Events;

/// <summary>What the transaction behaviour does before the one SaveChanges of a command: every event the tracked
/// assessments raised becomes its journal row, and the notification its handler queues (the journal row then says
/// so), in the same transaction as the change itself.</summary>
public static class RaisedEvents
{
    private static readonly FrozenDictionary<Type, Func<AssessmentEvent, EventContext, Notice?>> Handlers = Discover();

    /// <summary>The event types, each with its one handler: every <see cref="IHandles{TEvent}"/> in this
    /// assembly. An event without a handler, or with two, stops the application from starting (and fails a test).</summary>
    public static IReadOnlyCollection<Type> EventTypes => Handlers.Keys;

    public static void Record(IpbesFlowDbContext db, IWorkflowCatalog catalog)
    {
        // Reading what is tracked must not detect changes over thousands of steps again: SaveChanges does that once.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var raising = db.ChangeTracker.Entries<Assessment>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList();
            foreach (var assessment in raising)
            {
                var context = new EventContext(assessment, catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion));
                foreach (var raised in assessment.DomainEvents)
                {
                    var entry = JournalEntry.Of(raised);
                    if (Handlers[raised.GetType()](raised, context) is { } notice)
                    {
                        db.NotificationEvents.Add(NotificationEvent.Queue(raised.AssessmentId, notice.Event, raised.StepId, notice.Payload, raised.Actor, raised.At));
                        entry = entry.With($"notification queued: {notice.Event}");
                    }

                    db.JournalEntries.Add(entry);
                }

                assessment.ClearDomainEvents();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static FrozenDictionary<Type, Func<AssessmentEvent, EventContext, Notice?>> Discover()
    {
        var types = typeof(AssessmentEvent).Assembly.GetTypes();
        var handlers = types
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IHandles<>))
                .Select(i => (Event: i.GetGenericArguments()[0], Handler: t)))
            .ToList();
        var events = types.Where(t => t.IsSubclassOf(typeof(AssessmentEvent)) && !t.IsAbstract).ToList();
        var unhandled = events.Where(e => handlers.Count(h => h.Event == e) != 1).Select(e => e.Name).ToList();
        if (unhandled.Count > 0)
        {
            throw new InvalidOperationException($"Each assessment event needs exactly one handler; these have none or several: {string.Join(", ", unhandled)}.");
        }

        var wrap = typeof(RaisedEvents).GetMethod(nameof(Wrap), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return handlers.ToFrozenDictionary(
            h => h.Event,
            h => (Func<AssessmentEvent, EventContext, Notice?>)wrap.MakeGenericMethod(h.Event).Invoke(null, [Activator.CreateInstance(h.Handler)])!);
    }

    private static Func<AssessmentEvent, EventContext, Notice?> Wrap<TEvent>(IHandles<TEvent> handler)
        where TEvent : AssessmentEvent => (raised, context) => handler.Notify((TEvent)raised, context);
}

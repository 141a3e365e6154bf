using IpbesFlow.Assessments;
using IpbesFlow.Assessments.Events;
using Shouldly;

namespace IpbesFlow.Tests.Assessments;

/// <summary>Every event the aggregate can raise has exactly one handler, and each journals as the journal always read.</summary>
public sealed class RaisedEventsTests
{
    [Fact]
    public void Every_event_has_its_one_handler()
    {
        var events = typeof(AssessmentEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(AssessmentEvent)) && !t.IsAbstract).ToList();

        events.Count.ShouldBeGreaterThanOrEqualTo(18);
        RaisedEvents.EventTypes.ShouldBe(events, ignoreOrder: true);
    }

    [Fact]
    public void An_event_is_journaled_with_its_action_values_and_details()
    {
        var at = new DateTimeOffset(2019, 7, 29, 0, 0, 0, TimeSpan.Zero);
        var opened = new StepOpened(Guid.Empty, "fod-review", "engine", at, StepState.Scheduled, Human: false, "due at 2019-07-29T00:00:00+00:00", IsNews: true);
        var caughtUp = opened with { IsNews = false };

        var entry = JournalEntry.Of(opened);

        (entry.Action, entry.StepId, entry.OldValue, entry.NewValue, entry.Details, entry.Actor, entry.At)
            .ShouldBe(("step.opened", "fod-review", "scheduled", "open", "due at 2019-07-29T00:00:00+00:00", "engine", at));
        JournalEntry.Of(caughtUp).Details.ShouldBe("due at 2019-07-29T00:00:00+00:00; caught up: nobody told");
    }
}

using IpbesFlow.Assessments;
using Shouldly;

namespace IpbesFlow.Tests.Assessments;

public sealed class JournalEntryTests
{
    [Fact]
    public void A_value_too_long_for_the_journal_is_shortened_with_an_ellipsis_never_refused()
    {
        var entry = JournalEntry.Record(Guid.NewGuid(), "tsu@example.org", "review.configured", "fod-review", null, string.Join(", ", Enumerable.Range(1, 200)), new string('d', 2500), DateTimeOffset.UnixEpoch);

        entry.NewValue!.Length.ShouldBe(500);
        entry.NewValue.ShouldEndWith("…");
        entry.NewValue.ShouldStartWith("1, 2, 3");
        entry.Details!.Length.ShouldBe(2000);
        JournalEntry.Record(Guid.NewGuid(), "a", "b", null, "short", "short", "short", DateTimeOffset.UnixEpoch).NewValue.ShouldBe("short");
    }
}

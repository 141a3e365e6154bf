using IpbesFlow.Identity;
using Shouldly;

namespace IpbesFlow.Tests.Identity;

/// <summary>The rule alone; which assessment and review the caller's roles and registration belong to is decided from
/// the database, and tested against it (ReviewTests).</summary>
public sealed class DraftAccessTests
{
    private static readonly DateTimeOffset Opens = new(2019, 7, 29, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2019, 9, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_registered_reviewer_reads_the_draft_only_while_the_review_is_open()
    {
        DraftAccess.MayDownload(false, false, true, Opens, Closes, Opens.AddSeconds(-1)).ShouldBeFalse();
        DraftAccess.MayDownload(false, false, true, Opens, Closes, Opens).ShouldBeTrue();
        DraftAccess.MayDownload(false, false, true, Opens, Closes, Closes.AddSeconds(-1)).ShouldBeTrue();
        DraftAccess.MayDownload(false, false, true, Opens, Closes, Closes).ShouldBeFalse();
    }

    [Fact]
    public void Nobody_else_reads_a_draft_and_a_skipped_review_has_no_window()
    {
        DraftAccess.MayDownload(false, false, false, Opens, Closes, Opens.AddDays(1)).ShouldBeFalse();
        DraftAccess.MayDownload(false, false, true, null, null, Opens.AddDays(1)).ShouldBeFalse();
    }

    [Fact]
    public void The_assessments_authors_and_tsu_read_drafts_at_any_time()
    {
        DraftAccess.MayDownload(false, true, false, Opens, Closes, Closes.AddDays(30)).ShouldBeTrue();
        DraftAccess.MayDownload(true, false, false, Opens, Closes, Opens.AddDays(-30)).ShouldBeTrue();
    }
}

using System.Security.Claims;
using IpbesFlow.Identity;
using Shouldly;

namespace IpbesFlow.Tests.Identity;

public sealed class DraftAccessTests
{
    private static readonly Guid AssessmentA = Guid.NewGuid();
    private static readonly Guid AssessmentB = Guid.NewGuid();
    private static readonly DateTimeOffset Opens = new(2019, 7, 29, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2019, 9, 23, 0, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal With(params RoleScope[] roles) =>
        new(new ClaimsIdentity(roles.Select(r => new Claim(Claims.RoleType, Claims.Value(r))), "test"));

    [Fact]
    public void A_registered_reviewer_reads_the_draft_only_while_the_review_is_open()
    {
        var reviewer = With(new RoleScope(Role.Reviewer, AssessmentA, ReviewStepId: "fod-review"));

        DraftAccess.MayDownload(reviewer, AssessmentA, "fod-review", Opens, Closes, Opens.AddSeconds(-1)).ShouldBeFalse();
        DraftAccess.MayDownload(reviewer, AssessmentA, "fod-review", Opens, Closes, Opens).ShouldBeTrue();
        DraftAccess.MayDownload(reviewer, AssessmentA, "fod-review", Opens, Closes, Closes.AddSeconds(-1)).ShouldBeTrue();
        DraftAccess.MayDownload(reviewer, AssessmentA, "fod-review", Opens, Closes, Closes).ShouldBeFalse();
    }

    [Fact]
    public void A_reviewer_of_assessment_A_cannot_read_drafts_of_assessment_B_or_of_another_review()
    {
        var reviewer = With(new RoleScope(Role.Reviewer, AssessmentA, ReviewStepId: "fod-review"));

        DraftAccess.MayDownload(reviewer, AssessmentB, "fod-review", Opens, Closes, Opens.AddDays(1)).ShouldBeFalse();
        DraftAccess.MayDownload(reviewer, AssessmentA, "sod-review", Opens, Closes, Opens.AddDays(1)).ShouldBeFalse();
    }

    [Fact]
    public void The_assessments_authors_and_TSU_read_its_drafts_at_any_time_and_nobody_else_does()
    {
        var author = With(new RoleScope(Role.Author, AssessmentA, AuthorRole.LeadAuthor));
        var tsu = With(new RoleScope(Role.TsuMember, AssessmentA));
        var otherTsu = With(new RoleScope(Role.TsuMember, AssessmentB));
        var admin = With(new RoleScope(Role.SecretariatAdmin), new RoleScope(Role.MepMember));

        DraftAccess.MayDownload(author, AssessmentA, "fod-review", Opens, Closes, Closes.AddDays(30)).ShouldBeTrue();
        DraftAccess.MayDownload(tsu, AssessmentA, "fod-review", Opens, Closes, Opens.AddDays(-30)).ShouldBeTrue();
        DraftAccess.MayDownload(otherTsu, AssessmentA, "fod-review", Opens, Closes, Opens.AddDays(1)).ShouldBeFalse();
        DraftAccess.MayDownload(admin, AssessmentA, "fod-review", Opens, Closes, Opens.AddDays(1)).ShouldBeFalse();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Identity;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.Web.Tests.Api;

[Collection(nameof(AppCollection))]
public sealed class NotificationApiTests(IpbesFlowApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reschedule_shows_up_as_one_notification_per_person_concerned_and_only_failed_ones_are_resent()
    {
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));
        var created = await (await mep.PostAsJsonAsync("/api/assessments", new { workflow = "single-review-deliverable", title = "Notified study", start = "2030-01-07" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetGuid();
        var drafting = created.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "drafting");
        using var tsu = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, id));
        using var otherTsu = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, Guid.NewGuid()));
        var end = DateOnly.Parse(drafting.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddDays(7);

        (await tsu.PostAsJsonAsync($"/api/assessments/{id}/steps/drafting/reschedule", new { end, reason = "late start" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var listed = await Eventually.GetAsync(
            async () => await tsu.GetFromJsonAsync<JsonElement>($"/api/notifications?assessment={id}", Ct),
            list => list.GetArrayLength() > 0, TimeSpan.FromSeconds(30), "the dispatcher to turn the change into messages");
        var byStatus = await tsu.GetAsync($"/api/notifications?status=DeadLettered&assessment={id}", Ct);
        var badStatus = await tsu.GetAsync("/api/notifications?status=lost", Ct);
        var first = listed[0];
        var resend = await tsu.PostAsync($"/api/notifications/{first.GetProperty("id").GetInt64()}/resend", null, Ct);
        var resendByOther = await otherTsu.PostAsync($"/api/notifications/{first.GetProperty("id").GetInt64()}/resend", null, Ct);
        var resendUnknown = await tsu.PostAsync("/api/notifications/987654321/resend", null, Ct);

        listed.GetArrayLength().ShouldBe(1, "the TSU member is the one person concerned here");
        (first.GetProperty("kind").GetString(), first.GetProperty("language").GetString()).ShouldBe(("schedule-changed", "en"));
        first.GetProperty("subject").GetString().ShouldBe("Schedule changed: Notified study");
        first.TryGetProperty("textBody", out _).ShouldBeFalse("bodies are not listed: they may carry personal links");
        (await byStatus.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetArrayLength().ShouldBe(0);
        badStatus.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        first.GetProperty("maySendAgain").GetBoolean().ShouldBeFalse("the list says so before anyone tries: the rule the resend applies");
        resend.StatusCode.ShouldBe(HttpStatusCode.Conflict, "a message that is pending or sent is not sent again");
        resendByOther.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        resendUnknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

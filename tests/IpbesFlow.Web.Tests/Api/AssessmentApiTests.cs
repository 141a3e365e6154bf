using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Identity;
using Shouldly;

namespace IpbesFlow.Web.Tests.Api;

[Collection(nameof(AppCollection))]
public sealed class AssessmentApiTests(IpbesFlowApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_MEP_starts_an_assessment_and_staff_read_its_steps_and_journal()
    {
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));

        var response = await mep.PostAsJsonAsync("/api/assessments", new { workflow = "thematic-assessment", title = "Nexus assessment", start = "2030-06-03", parameters = new { fod_review_weeks = 6 } }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var assessment = await mep.GetFromJsonAsync<JsonElement>(response.Headers.Location, Ct);
        assessment.GetProperty("workflowVersion").GetInt32().ShouldBe(1);
        var fod = assessment.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "fod-review");
        fod.GetProperty("state").GetString().ShouldBe("scheduled");
        var journal = await mep.GetFromJsonAsync<JsonElement>($"{response.Headers.Location}/journal", Ct);
        journal.EnumerateArray().Single().GetProperty("action").GetString().ShouldBe("assessment.created");
    }

    [Fact]
    public async Task A_schedule_with_conflicts_is_409_and_says_why()
    {
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));

        var response = await mep.PostAsJsonAsync("/api/assessments", new { workflow = "thematic-assessment", title = "Too soon", start = "2026-01-12", plenary = "2027-06-01" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("301 day(s) short");
    }

    private async Task<Guid> CreateAsync(string title)
    {
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));
        var response = await mep.PostAsJsonAsync("/api/assessments", new { workflow = "thematic-assessment", title, start = "2030-06-03" }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> Act(HttpClient client, Guid id, string step, string action, string? note = null) =>
        client.PostAsJsonAsync($"/api/assessments/{id}/steps/{step}/actions/{action}", new { note }, Ct);

    private static async Task<JsonElement> Problem(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    [Fact]
    public async Task Owners_act_on_their_own_steps_a_repeated_action_is_409_saying_who_acted_and_others_are_refused()
    {
        var id = await CreateAsync("Actions over HTTP");
        var (mepUser, mepToken) = await app.CreateAccountAsync(null, TokenScope.Write, new RoleScope(Role.MepMember));
        using var mep = app.CreateClient();
        mep.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", mepToken);
        using var coChair = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.Author, id, AuthorRole.CoChair));
        using var leadAuthor = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.Author, id, AuthorRole.LeadAuthor));
        using var otherTsu = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, Guid.NewGuid()));

        using var secretariat = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        var tooSoon = await Act(mep, id, "expert-selection", "complete", "experts selected");
        var startedByMep = await Act(mep, id, "expert-selection", "start", "the MEP meets early");
        (await Act(secretariat, id, "expert-selection", "start", "the MEP meets early")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Act(secretariat, id, "zero-order-draft", "start", "the authors began early")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var selected = await Act(mep, id, "expert-selection", "complete", "experts selected");
        var again = await Act(mep, id, "expert-selection", "complete");
        var byLeadAuthor = await Act(leadAuthor, id, "zero-order-draft", "complete");
        var byOtherTsu = await Act(otherTsu, id, "zero-order-draft", "skip", "not needed");
        var byCoChair = await Act(coChair, id, "zero-order-draft", "complete");

        tooSoon.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Problem(tooSoon)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("has not opened yet");
        startedByMep.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problem(startedByMep)).GetProperty("detail").GetString().ShouldBe("You may not start 'expert-selection' before its date: only the secretariat starts a step early, saying why.");
        selected.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await selected.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString().ShouldBe("completed");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Problem(again)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldMatch($@"^Step 'expert-selection' is already completed \(since .+Z, by {System.Text.RegularExpressions.Regex.Escape(mepUser.Email!)}\)\.$");
        byLeadAuthor.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problem(byLeadAuthor)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("co-chairs and coordinating lead authors");
        byOtherTsu.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byCoChair.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var tsu = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, id));
        var journal = await tsu.GetFromJsonAsync<JsonElement>($"/api/assessments/{id}/journal", Ct);
        journal.EnumerateArray().Count(j => j.GetProperty("action").GetString() == "step.complete").ShouldBe(2);
    }

    [Fact]
    public async Task Bad_action_input_is_problem_details_naming_the_field()
    {
        var id = await CreateAsync("Bad actions");
        using var tsu = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, id));

        var unknown = await Act(tsu, id, "zero-order-draft", "finish");
        var unexplained = await Act(tsu, id, "zero-order-draft", "skip");
        var noStep = await Act(tsu, id, "no-such-step", "complete");

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(unknown)).GetProperty("errors").GetProperty("action")[0].GetString().ShouldBe("'finish' is not an action; use one of start, complete, skip, cancel, invite, close.");
        unexplained.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(unexplained)).GetProperty("errors").GetProperty("note")[0].GetString().ShouldBe("Say why the step is to be skipped.");
        noStep.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_task_list_holds_what_the_caller_may_complete()
    {
        var id = await CreateAsync("Tasks over HTTP");
        using var coChair = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.Author, id, AuthorRole.CoChair));
        using var reviewer = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.Reviewer, id, ReviewStepId: "fod-review"));

        using var secretariat = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        (await Act(secretariat, id, "zero-order-draft", "start", "the authors began early")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var mine = await coChair.GetFromJsonAsync<JsonElement>($"/api/tasks?assessment={id}&aheadDays=3650", Ct);
        var none = await reviewer.GetFromJsonAsync<JsonElement>($"/api/tasks?assessment={id}&aheadDays=3650", Ct);

        var steps = mine.EnumerateArray().Select(t => t.GetProperty("stepId").GetString()).ToList();
        steps.ShouldBe(["zero-order-draft", "first-order-draft", "second-order-draft"]);
        mine[0].GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["complete"], "it is open: its owners complete it");
        mine[1].GetProperty("actions").EnumerateArray().ShouldBeEmpty("it has not opened: only the secretariat could start it early");
        none.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_TSU_reschedules_with_a_reason_others_may_not_and_an_unknown_version_is_404()
    {
        var id = await CreateAsync("Rescheduled over HTTP");
        using var tsu = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, id));
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));

        var planned = (await tsu.GetFromJsonAsync<JsonElement>($"/api/assessments/{id}", Ct)).GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "fod-review");
        // A week shorter: the derived Plenary leaves no slack for a later end.
        var start = DateOnly.Parse(planned.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var end = DateOnly.Parse(planned.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddDays(-7);
        var moved = await tsu.PostAsJsonAsync($"/api/assessments/{id}/steps/fod-review/reschedule", new { start, end, reason = "translation" }, Ct);
        var byMep = await mep.PostAsJsonAsync($"/api/assessments/{id}/steps/fod-review/reschedule", new { start = "2032-09-13", reason = "x" }, Ct);
        var noReason = await tsu.PostAsJsonAsync($"/api/assessments/{id}/steps/fod-review/reschedule", new { start = "2032-09-13" }, Ct);
        var version = await tsu.PostAsJsonAsync($"/api/assessments/{id}/version", new { version = 99 }, Ct);

        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync(Ct));
        var fod = (await moved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "fod-review");
        (fod.GetProperty("start").GetString(), fod.GetProperty("end").GetString(), fod.GetProperty("fixed").GetBoolean()).ShouldBe(($"{start:yyyy-MM-dd}", $"{end:yyyy-MM-dd}", true));
        byMep.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(noReason)).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        version.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Window_edges_are_given_in_a_time_zone_named_at_creation_and_changed_by_the_TSU_and_an_unknown_one_is_named()
    {
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));
        var created = await mep.PostAsJsonAsync("/api/assessments", new { workflow = "thematic-assessment", title = "In Nairobi", start = "2030-06-03", timeZone = "Africa/Nairobi" }, Ct);
        var unknownAtCreation = await mep.PostAsJsonAsync("/api/assessments", new { workflow = "thematic-assessment", title = "Nowhere", start = "2030-06-03", timeZone = "Africa/Atlantis" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetGuid();
        using var tsu = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, id));
        using var otherTsu = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, await CreateAsync("Elsewhere")));

        var unknown = await tsu.PutAsJsonAsync($"/api/assessments/{id}/time-zone", new { timeZone = "Europe/Bonn", reason = "the TSU is in Bonn" }, Ct);
        var byOther = await otherTsu.PutAsJsonAsync($"/api/assessments/{id}/time-zone", new { timeZone = "Europe/Berlin", reason = "the TSU is in Bonn" }, Ct);
        var changed = await tsu.PutAsJsonAsync($"/api/assessments/{id}/time-zone", new { timeZone = "Europe/Berlin", reason = "the TSU is in Bonn" }, Ct);

        body.GetProperty("timeZone").GetString().ShouldBe("Africa/Nairobi");
        var fod = body.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "fod-review");
        fod.GetProperty("opensAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(DateOnly.Parse(fod.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-3));
        unknownAtCreation.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(unknownAtCreation)).GetProperty("errors").GetProperty("timeZone")[0].GetString().ShouldBe("'Africa/Atlantis' is not a time zone; give an IANA name such as Europe/Berlin or Africa/Nairobi (UTC unless given).");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(unknown)).GetProperty("errors").GetProperty("timeZone")[0].GetString().ShouldBe("'Europe/Bonn' is not a time zone; give an IANA name such as Europe/Berlin or Africa/Nairobi.");
        byOther.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a TSU of another assessment, with that assessment's real id");
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await changed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
    }
}

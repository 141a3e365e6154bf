using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IpbesFlow.Identity;
using IpbesFlow.Testing;
using IpbesFlow.Web.Tests.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.Web.Tests.Security;

/// <summary>Who may call what, written out by hand for every endpoint of the running application, and called with real
/// ids: two assessments (A and B), each with its TSU, a review set up with chapters, a draft, registered reviewers (two
/// experts and a government, one of two countries) and their comments. Every persona calls every endpoint on A's real
/// ids: a TSU of B, a focal point of the other country, a reviewer on another reviewer's comments. A persona that may
/// call it must reach what it asked for (not 401, 403 or 404); any other is refused (401 anonymous, 403 signed in), or,
/// where the design hides that something exists, answered 404. An endpoint added without a row fails here.</summary>
[Collection(nameof(AppCollection))]
public sealed class AuthorizationMatrixTests(IpbesFlowApp app) : IAsyncLifetime
{
    private const string Anonymous = "anonymous";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Everyone = [Anonymous, "reviewer", "reviewer-2", "focal-point-ke", "focal-point-br", "author-a", "editor-a", "tsu-a", "tsu-a-read", "tsu-b", "mep", "bureau", "admin", "admin-read"];
    private static readonly string[] SignedIn = Everyone[1..];
    private static readonly string[] ReadTokens = ["tsu-a-read", "admin-read"];
    private static readonly string[] SignedInWrite = [.. SignedIn.Except(ReadTokens)];
    private static readonly string[] RunsA = ["tsu-a", "admin"];
    private static readonly string[] SeesA = ["author-a", "editor-a", "tsu-a", "tsu-a-read", "mep", "bureau", "admin", "admin-read"];
    private static readonly string[] JournalOfA = ["tsu-a", "tsu-a-read", "mep", "bureau", "admin", "admin-read"];
    private static readonly string[] People = ["tsu-a", "tsu-a-read", "tsu-b", "admin", "admin-read"];
    private static readonly string[] PeopleWrite = ["tsu-a", "tsu-b", "admin"];
    private static readonly string[] RegisteredOnA = ["reviewer", "reviewer-2", "focal-point-ke"];
    private static readonly string[] ReadsCommentsOfA = ["author-a", "editor-a", "tsu-a", "tsu-a-read", "admin", "admin-read", .. RegisteredOnA];
    private static readonly string[] WholeCompilationOfA = ["author-a", "editor-a", "tsu-a", "tsu-a-read", "admin", "admin-read"];
    private static readonly string[] DraftsOfA = ["author-a", "editor-a", "tsu-a", "tsu-a-read", .. RegisteredOnA];
    private static readonly string[] MailOfA = ["tsu-a", "tsu-a-read", "admin", "admin-read"];
    private static readonly string[] Admin = ["admin"];
    private static readonly string[] TsuA = ["tsu-a"];
    private static readonly string[] BothChapters = ["1", "2"];
    private static readonly string[] FirstChapter = ["1"];
    private static readonly string[] AdminRead = ["admin", "admin-read"];

    private readonly Dictionary<string, HttpClient> personas = new(StringComparer.Ordinal);
    private World world = null!;

    public async ValueTask InitializeAsync()
    {
        personas[Anonymous] = app.CreateClient();
        personas["mep"] = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));
        var a = await World.CreateAssessmentAsync(personas["mep"], "Assessment A");
        var b = await World.CreateAssessmentAsync(personas["mep"], "Assessment B");
        foreach (var (name, scope, roles) in Personas(a, b))
        {
            personas[name] = await app.ClientAsAsync(scope, roles);
        }

        world = await World.CreateAsync(app, personas, a, b);
    }

    [Fact]
    public void Every_endpoint_declares_who_may_call_it_and_has_a_row_in_the_matrix()
    {
        var endpoints = Endpoints().ToList();
        var rows = Rows(new World(Guid.Empty, Guid.Empty)).Concat(PageRows(new World(Guid.Empty, Guid.Empty))).Select(r => r.Key).Concat(FrameworkAssets().Select(r => r.Key)).ToList();

        endpoints.Where(e => !e.Explicit).Select(e => e.Key).ShouldBeEmpty("every endpoint names a policy or says it is anonymous");
        endpoints.Select(e => e.Key).Except(rows).ShouldBeEmpty("every endpoint has a row in the matrix");
        rows.Except(endpoints.Select(e => e.Key)).ShouldBeEmpty("every row of the matrix is an endpoint");
    }

    [Fact]
    public async Task Every_endpoint_answers_every_persona_as_the_matrix_says_on_real_ids_of_another_assessment()
    {
        var mismatches = new List<string>();
        foreach (var row in PageRows(world).Concat(Rows(world)).Concat(FrameworkAssets()))
        {
            foreach (var (persona, client) in personas)
            {
                using var request = row.Request();
                using var response = await client.SendAsync(request, Ct);
                var expected = row.Hidden.Contains(persona) ? "404" : row.Allowed.Contains(persona) ? "reached" : persona == Anonymous ? row.AnonymousRefusal : "403";
                var status = (int)response.StatusCode;
                // A page refuses a stranger by sending them to sign in, and someone signed in by saying what they may not see.
                var landed = response.RequestMessage?.RequestUri?.AbsolutePath;
                var actual = landed == "/sign-in" && !row.Key.EndsWith(" /sign-in", StringComparison.Ordinal) ? "401"
                    : status is 401 or 403 && !await IsOwnAnswerAsync(response) ? status.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : status == 404 ? "404"
                    : "reached";
                if (expected != actual)
                {
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    mismatches.Add($"{row.Key} as {persona}: expected {expected}, got {status} {body[..Math.Min(body.Length, 200)]}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Lists_hold_only_what_each_persona_may_see()
    {
        async Task<List<string>> Strings(string persona, string url, string property) =>
            [.. (await personas[persona].GetFromJsonAsync<JsonElement>(url, Ct)).EnumerateArray().Select(e => e.GetProperty(property).ToString())];

        var a = world.A.ToString();
        var b = world.B.ToString();
        (await Strings("tsu-a", "/api/assessments", "id")).ShouldBe([a]);
        (await Strings("tsu-b", "/api/assessments", "id")).ShouldBe([b]);
        (await Strings("author-a", "/api/assessments", "id")).ShouldBe([a]);
        (await Strings("mep", "/api/assessments", "id")).ShouldContain(a);
        (await Strings("mep", "/api/assessments", "id")).ShouldContain(b);
        (await Strings("reviewer", "/api/assessments", "id")).ShouldBeEmpty("a reviewer follows reviews, not assessments");

        (await Strings("tsu-a", "/api/notifications", "assessmentId")).Distinct().ShouldBe([a], "a TSU follows its own assessment's mail");
        (await Strings("tsu-b", "/api/notifications", "assessmentId")).Distinct().ShouldBe([b]);
        (await Strings("admin", "/api/notifications", "assessmentId")).ShouldContain(a);
        (await Strings("admin", "/api/notifications", "assessmentId")).ShouldContain(b);

        (await Strings("reviewer", $"{world.ReviewOfA}/comments", "text")).ShouldBe(["From reviewer."], "a reviewer reads their own comments");
        (await Strings("reviewer-2", $"{world.ReviewOfA}/comments", "text")).ShouldBe(["From reviewer-2."]);
        (await Strings("focal-point-ke", $"{world.ReviewOfA}/comments", "text")).ShouldBe(["From focal-point-ke."], "a focal point reads their country's");
        (await Strings("tsu-a", $"{world.ReviewOfA}/comments", "text")).ShouldBe(["From reviewer.", "From focal-point-ke.", "From reviewer-2."], ignoreOrder: true);
        (await personas["reviewer"].GetAsync($"/api/assessments/{b}/reviews/external-review/comments", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "registered there too, with no comments");

        (await Strings("tsu-b", "/api/tasks?aheadDays=3650", "assessmentId")).ShouldNotContain(a, "another assessment's work is not a TSU's task");
        (await Strings("tsu-a", "/api/tasks?aheadDays=3650", "assessmentId")).ShouldContain(a);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var client in personas.Values)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static IEnumerable<(string Name, TokenScope Scope, RoleScope[] Roles)> Personas(Guid a, Guid b) =>
    [
        ("reviewer", TokenScope.Write, []),
        ("reviewer-2", TokenScope.Write, []),
        ("focal-point-ke", TokenScope.Write, [new RoleScope(Role.NationalFocalPoint, CountryCode: "KE")]),
        ("focal-point-br", TokenScope.Write, [new RoleScope(Role.NationalFocalPoint, CountryCode: "BR")]),
        ("author-a", TokenScope.Write, [new RoleScope(Role.Author, a, AuthorRole.LeadAuthor, Chapter: "1")]),
        ("editor-a", TokenScope.Write, [new RoleScope(Role.Author, a, AuthorRole.ReviewEditor, Chapter: "1")]),
        ("tsu-a", TokenScope.Write, [new RoleScope(Role.TsuMember, a)]),
        ("tsu-a-read", TokenScope.Read, [new RoleScope(Role.TsuMember, a)]),
        ("tsu-b", TokenScope.Write, [new RoleScope(Role.TsuMember, b)]),
        ("bureau", TokenScope.Write, [new RoleScope(Role.BureauMember)]),
        ("admin", TokenScope.Write, [new RoleScope(Role.SecretariatAdmin)]),
        ("admin-read", TokenScope.Read, [new RoleScope(Role.SecretariatAdmin)]),
    ];

    // The rows, in the order they are called: those whose calls change what later rows find come last.
    private static IEnumerable<Row> Rows(World w)
    {
        var a = w.A;
        var review = w.ReviewOfA;
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        yield return Row.Get("/health/live", "/health/live", Everyone);
        yield return Row.Get("/health/ready", "/health/ready", Everyone);
        yield return Row.Get("/openapi/{documentName}.json", "/openapi/v1.json", Everyone);
        yield return Row.Get("/api-docs/{documentName?}", "/api-docs/", Everyone);
        yield return Row.Get("/api-docs/scalar.js", "/api-docs/scalar.js", Everyone);
        yield return Row.Get("/api-docs/scalar.aspnetcore.js", "/api-docs/scalar.aspnetcore.js", Everyone);
        yield return Row.Get("/api-docs/favicon.svg", "/api-docs/favicon.svg", Everyone);
        yield return Row.Get("/sign-in", "/sign-in?token=ipbl_unknown", Everyone);
        // The page's form as a browser posts it (without the page's antiforgery token, which is refused with 400).
        yield return new Row("POST /sign-in", () => new HttpRequestMessage(HttpMethod.Post, "/sign-in") { Content = new FormUrlEncodedContent([new("Link.Token", "ipbl_unknown"), new("_handler", "redeem")]) }, Everyone);
        yield return Row.Get("/{**path:file}", "/no-such-file.txt", []);
        yield return Row.Bodiless("HEAD", "/{**path:file}", "/no-such-file.txt", []);
        // Enhanced navigation's redirect helper: without its protected payload, a bad request for everyone.
        yield return Row.Get("/_framework/opaque-redirect", "/_framework/opaque-redirect", Everyone);
        yield return new Row("POST /sign-out", () => new HttpRequestMessage(HttpMethod.Post, "/sign-out") { Content = new FormUrlEncodedContent([]) }, Everyone);
        yield return Row.Json("POST", "/api/auth/sign-in", "/api/auth/sign-in", new { email = "nobody@example.org", password = "not the password" }, Everyone);
        yield return Row.Json("POST", "/api/auth/sign-in-links", "/api/auth/sign-in-links", new { email = "nobody@example.org" }, Everyone);
        yield return Row.Get("/api/auth/oidc/", "/api/auth/oidc/", Everyone, hidden: Everyone);
        yield return Row.Get("/api/auth/oidc/complete", "/api/auth/oidc/complete", Everyone, hidden: Everyone);
        yield return Row.Get("/api/auth/me", "/api/auth/me", SignedIn);
        yield return Row.Get("/api/tokens/", "/api/tokens", SignedIn);
        yield return Row.Json("PUT", "/api/account/review-announcements", "/api/account/review-announcements", new { subscribed = true }, SignedInWrite);
        yield return Row.Json("POST", "/api/tokens/", "/api/tokens", new { name = "matrix", scope = "read", expiresInDays = 7 }, SignedInWrite);
        yield return Row.Get("/api/workflows/", "/api/workflows", SignedIn);
        yield return Row.Get("/api/workflows/{id}", "/api/workflows/thematic-assessment", SignedIn);
        yield return Row.Json("POST", "/api/workflows/{id}/plan", "/api/workflows/thematic-assessment/plan", new { start = "2030-01-07" }, SignedIn);
        yield return Row.Get("/api/people/", "/api/people", People);
        yield return Row.Get("/api/people/{id:guid}", $"/api/people/{w.Person}", People);
        yield return Row.Json("POST", "/api/people/", "/api/people", () => new { fullName = "Matrix Person", email = $"{Guid.NewGuid():N}@example.org", preferredLanguage = "fr" }, PeopleWrite);
        yield return Row.Json("POST", "/api/assessments/", "/api/assessments", new { workflow = "single-review-deliverable", title = "Matrix", start = "2031-01-06" }, ["mep", "admin"]);
        yield return Row.Get("/api/assessments/", "/api/assessments", SignedIn);
        yield return Row.Get("/api/assessments/{id:guid}", $"/api/assessments/{a}", SeesA);
        yield return Row.Get("/api/assessments/{id:guid}/journal", $"/api/assessments/{a}/journal", JournalOfA);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/steps/{stepId}/actions/{action}", $"/api/assessments/{a}/steps/revision/actions/complete", new { note = "matrix" }, RunsA);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/steps/{stepId}/reschedule", $"/api/assessments/{a}/steps/mep-approval/reschedule", new { end = today.AddDays(400), reason = "matrix" }, RunsA);
        // The zone A already has: reaching it changes nothing that later rows rely on.
        yield return Row.Json("PUT", "/api/assessments/{id:guid}/time-zone", $"/api/assessments/{a}/time-zone", new { timeZone = "UTC", reason = "matrix" }, RunsA);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/version", $"/api/assessments/{a}/version", new { version = 1 }, RunsA);
        yield return Row.Get("/api/tasks", $"/api/tasks?assessment={a}", SignedIn);
        yield return Row.Get("/api/reviews", "/api/reviews", SignedIn);
        yield return Row.Get("/api/assessments/{id:guid}/reviews/{stepId}/", review, SignedIn);
        yield return Row.Json("PUT", "/api/assessments/{id:guid}/reviews/{stepId}/", review, new { chapters = World.Chapters }, RunsA);
        yield return Row.File("/api/assessments/{id:guid}/reviews/{stepId}/drafts", $"{review}/drafts", "draft.pdf", "%PDF-1.7 matrix"u8.ToArray(), RunsA);
        yield return Row.Get("/api/assessments/{id:guid}/reviews/{stepId}/drafts/{draftId:guid}", $"{review}/drafts/{w.Draft}", DraftsOfA);
        yield return Row.Get("/api/assessments/{id:guid}/reviews/{stepId}/comments", $"{review}/comments", ReadsCommentsOfA);
        yield return Row.Get("/api/assessments/{id:guid}/reviews/{stepId}/progress", $"{review}/progress", ["author-a", "editor-a", "tsu-a", "tsu-a-read", "mep", "bureau", "admin", "admin-read"]);
        yield return Row.Get("/api/assessments/{id:guid}/reviews/{stepId}/template.xlsx", $"{review}/template.xlsx", SignedIn);
        // Anonymous callers may ask (once published, it is public); before, they are refused like anyone else.
        yield return Row.Get("/api/assessments/{id:guid}/reviews/{stepId}/export", $"{review}/export?format=csv", WholeCompilationOfA) with { AnonymousRefusal = "403" };
        yield return Row.Json("POST", "/api/assessments/{id:guid}/reviews/{stepId}/comments/{number:int}/response", $"{review}/comments/{w.CommentOnChapter1}/response", new { status = "accepted", text = "Done." }, ["author-a", "tsu-a", "admin"]);
        // Only the secretariat corrects; before the Plenary's approval it reaches the refusal "not approved yet" (409).
        yield return Row.Json("POST", "/api/assessments/{id:guid}/reviews/{stepId}/comments/{number:int}/erratum", $"{review}/comments/{w.CommentOnChapter1}/erratum", new { status = "noted", text = "Noted.", reason = "matrix" }, Admin);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/reviews/{stepId}/chapters/{chapter}/sign-off", $"{review}/chapters/1/sign-off", new { }, ["editor-a"]);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/reviews/{stepId}/comments", $"{review}/comments", new { comments = new[] { new { chapter = "1", fromPage = 9, fromLine = 9, text = "From the matrix." } } }, RegisteredOnA);
        yield return Row.File("/api/assessments/{id:guid}/reviews/{stepId}/comments/upload", $"{review}/comments/upload", "comments.csv", Encoding.UTF8.GetBytes("Chapter,From page,From line,To page,To line,Comment\n2,5,5,,,Uploaded in the matrix.\n"), RegisteredOnA);
        yield return Row.File("/api/assessments/{id:guid}/reviews/{stepId}/comments/import", $"{review}/comments/import", "import.csv", Encoding.UTF8.GetBytes(
            "No.,Chapter,From page,From line,To page,To line,Comment,Reviewer,Country,Organisation,Reviewer type,Response status,Response\n1,2,7,7,7,7,Sent by email.,Government of MX,MX,,government,,\n"), RunsA);
        yield return Row.Get("/api/notifications/", $"/api/notifications?assessment={a}", MailOfA);
        yield return Row.Json("POST", "/api/notifications/{id:long}/resend", $"/api/notifications/{w.MessageOfA}/resend", new { }, RunsA);
        yield return Row.Json("POST", "/api/notifications/events/{id:long}/retry", $"/api/notifications/events/{w.EventOfA}/retry", new { }, RunsA);
        yield return Row.Get("/api/users/", "/api/users", AdminRead);
        yield return Row.Json("POST", "/api/users/", "/api/users", () => new { email = $"{Guid.NewGuid():N}@example.org", fullName = "Matrix User" }, Admin);
        yield return Row.Json("POST", "/api/users/{id:guid}/roles", $"/api/users/{w.Target}/roles", new { role = "bureau-member" }, Admin);
        yield return Row.Bodiless("DELETE", "/api/users/{id:guid}/roles/{assignmentId:guid}", $"/api/users/{w.Target}/roles/{w.TargetRole}", Admin);
        yield return Row.Bodiless("DELETE", "/api/users/{id:guid}/tokens", $"/api/users/{w.Target}/tokens", Admin);
        yield return Row.Json("POST", "/api/users/{id:guid}/disable", $"/api/users/{w.Target}/disable", new { reason = "matrix" }, Admin);
        yield return Row.Json("POST", "/api/users/{id:guid}/enable", $"/api/users/{w.Target}/enable", new { }, Admin);
        yield return Row.Get("/api/audit", "/api/audit", AdminRead);
        // Another person's token is not found: whether it exists is not theirs to learn.
        yield return Row.Bodiless("DELETE", "/api/tokens/{id:guid}", $"/api/tokens/{w.TokenOfTsuA}", TsuA, hidden: SignedInWrite.Except(TsuA));
        yield return Row.Json("POST", "/api/assessments/{id:guid}/reviews/{stepId}/registrations", $"{review}/registrations", new { chapters = FirstChapter, acceptTerms = true, countryCode = "NO" }, SignedInWrite);
        foreach (var row in NominationRows(w))
        {
            yield return row;
        }

        yield return Row.Bodiless("POST", "/api/auth/sign-out", "/api/auth/sign-out", SignedIn);
    }

    // A call for nominations of a third assessment (the TSUs of A and B are strangers to it), with the reviewer's
    // application nominated by Kenya: a body sees its own nominations (Brazil's focal point does not find Kenya's); the
    // MEP, the secretariat and the TSU see every candidate; a CV is not found by anyone else.
    private static IEnumerable<Row> NominationRows(World w)
    {
        var call = $"/api/assessments/{w.Nominations}/calls/call-for-nominations";
        var selection = $"/api/assessments/{w.Nominations}/selections/expert-selection";
        string[] seesCandidates = ["mep", "admin", "admin-read"];
        string[] selects = ["mep", "admin"];
        yield return Row.Get("/api/assessments/{id:guid}/calls/{stepId}/", call, SignedIn);
        yield return Row.Json("PUT", "/api/assessments/{id:guid}/calls/{stepId}/application", $"{call}/application", World.Application, SignedInWrite);
        yield return new Row("PUT /api/assessments/{id:guid}/calls/{stepId}/application/cv",
            () => new HttpRequestMessage(HttpMethod.Put, $"{call}/application/cv") { Content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7 CV"u8.ToArray()), "file", "cv.pdf" } } }, SignedInWrite);
        yield return Row.Get("/api/assessments/{id:guid}/calls/{stepId}/candidates", $"{call}/candidates", ["focal-point-ke", "focal-point-br", .. seesCandidates]);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/calls/{stepId}/nominations/{nominationId:guid}/decision", $"{call}/nominations/{w.NominationByKenya}/decision",
            new { approve = true }, ["focal-point-ke"], hidden: ["focal-point-br", .. selects]);
        yield return Row.File("/api/assessments/{id:guid}/calls/{stepId}/nominations/import", $"{call}/nominations/import", "nominations.csv", "Name,Email\n"u8.ToArray(), Admin);
        yield return Row.Get("/api/assessments/{id:guid}/candidates/{candidateId:guid}/cv", $"/api/assessments/{w.Nominations}/candidates/{w.Candidate}/cv",
            ["reviewer", "focal-point-ke", .. seesCandidates], hidden: SignedIn.Except(["reviewer", "focal-point-ke", .. seesCandidates]));
        yield return Row.Get("/api/reports/progress", "/api/reports/progress?since=2019-01-01&format=docx", ["mep", "bureau", "admin", "admin-read"]);
        yield return Row.Get("/api/countries", "/api/countries", SignedIn);
        yield return Row.Json("PUT", "/api/countries/{code}", "/api/countries/ZA", new { economy = (string?)null }, Admin);
        yield return Row.Get("/api/assessments/{id:guid}/disclosures/", $"/api/assessments/{w.Nominations}/disclosures", seesCandidates);
        // Nobody here was selected: the form is refused to everyone; the review finds no disclosure (409) for the secretariat.
        yield return Row.Json("PUT", "/api/assessments/{id:guid}/disclosures/mine", $"/api/assessments/{w.Nominations}/disclosures/mine", new { hasInterests = false, confirm = true }, []);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/disclosures/{candidateId:guid}/review", $"/api/assessments/{w.Nominations}/disclosures/{w.Candidate}/review",
            new { review = "no-conflict" }, Admin);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/disclosures/reminders", $"/api/assessments/{w.Nominations}/disclosures/reminders", new { }, Admin);
        // The scoping's online consultation, set up by the secretariat: the MEP is on its list (its audience); the TSUs of
        // A and B are strangers to it.
        var meeting = $"/api/assessments/{w.Nominations}/meetings/online-consultation";
        yield return Row.Get("/api/assessments/{id:guid}/meetings/{stepId}/", meeting, ["mep", "bureau", "admin", "admin-read"]);
        yield return Row.Json("PUT", "/api/assessments/{id:guid}/meetings/{stepId}/", meeting, World.Meeting, Admin);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/meetings/{stepId}/participants", $"{meeting}/participants", new { email = "nobody@example.org" }, Admin);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/meetings/{stepId}/reply", $"{meeting}/reply", new { reply = "online" }, ["mep"]);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/meetings/{stepId}/participants/{participantId:guid}/travel-support", $"{meeting}/participants/{w.ParticipantOfMeeting}/travel-support",
            new { approve = true }, Admin);
        // The agenda is the participants' (the MEP's here) and the secretariat's: the Bureau follows the assessment, and is refused.
        yield return Row.File("/api/assessments/{id:guid}/meetings/{stepId}/documents", $"{meeting}/documents", "agenda.pdf", "%PDF-1.7 agenda"u8.ToArray(), Admin);
        yield return Row.Get("/api/assessments/{id:guid}/meetings/{stepId}/documents/{documentId:guid}", $"{meeting}/documents/{w.AgendaOfMeeting}", ["mep", "admin", "admin-read"]);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/meetings/{stepId}/reminders", $"{meeting}/reminders", new { }, Admin);
        yield return Row.Get("/api/assessments/{id:guid}/meetings/{stepId}/participants/report", $"{meeting}/participants/report", AdminRead);
        yield return Row.Json("PUT", "/api/assessments/{id:guid}/meetings/{stepId}/attendance", $"{meeting}/attendance", new { attended = new[] { w.ParticipantOfMeeting } }, Admin);
        yield return Row.Get("/api/assessments/{id:guid}/selections/{stepId}/", selection, seesCandidates);
        yield return Row.Json("PUT", "/api/assessments/{id:guid}/selections/{stepId}/candidates/{candidateId:guid}", $"{selection}/candidates/{w.Candidate}",
            new { outcome = "reserve" }, selects, hidden: SignedInWrite.Except(selects));
        yield return Row.Json("POST", "/api/assessments/{id:guid}/selections/{stepId}/candidates/{candidateId:guid}/resignation", $"{selection}/candidates/{w.Candidate}/resignation",
            new { reason = "matrix" }, Admin);
        yield return Row.Json("POST", "/api/assessments/{id:guid}/selections/{stepId}/complete", $"{selection}/complete", new { note = "matrix" }, selects);
        yield return Row.Get("/api/assessments/{id:guid}/selections/{stepId}/report", $"{selection}/report", seesCandidates);
    }

    // The pages, each as GET and as its forms POST.
    private static List<Row> PageRows(World w)
    {
        var a = w.A;
        var rows = new List<Row>();
        rows.AddRange(Row.Page("/", "/", SignedIn, SignedIn));
        rows.AddRange(Row.Page("/reviews", "/reviews", SignedIn, SignedIn));
        rows.AddRange(Row.Page("/assessments", "/assessments", SignedIn, SignedIn));
        rows.AddRange(Row.Page("/assessments/{AssessmentId:guid}", $"/assessments/{a}", SeesA, SignedIn));
        // A step that is not a review is the assessment's people's; a review's step leads anyone signed in to the review.
        rows.AddRange(Row.Page("/assessments/{AssessmentId:guid}/steps/{StepId}", $"/assessments/{a}/steps/revision", SeesA, SignedIn));
        rows.AddRange(Row.Page("/assessments/{AssessmentId:guid}/reviews/{StepId}", $"/assessments/{a}/reviews/external-review", SignedIn, SignedIn));
        rows.AddRange(Row.Page("/account", "/account", SignedIn, SignedIn));
        rows.AddRange(Row.Page("/assessments/{AssessmentId:guid}/calls/{StepId}", $"/assessments/{w.Nominations}/calls/call-for-nominations", SignedIn, SignedIn));
        rows.AddRange(Row.Page("/countries", "/countries", AdminRead, AdminRead));
        rows.AddRange(Row.Page("/reports/progress", "/reports/progress?since=2019-01-01", ["mep", "bureau", "admin", "admin-read"], SignedIn));
        rows.AddRange(Row.Page("/assessments/{AssessmentId:guid}/meetings/{StepId}", $"/assessments/{w.Nominations}/meetings/online-consultation", ["mep", "bureau", "admin", "admin-read"], SignedIn));
        rows.AddRange(Row.Page("/assessments/{AssessmentId:guid}/disclosures", $"/assessments/{w.Nominations}/disclosures", ["mep", "admin", "admin-read"], SignedIn));
        rows.AddRange(Row.Page("/assessments/{AssessmentId:guid}/selections/{StepId}", $"/assessments/{w.Nominations}/selections/expert-selection", ["mep", "admin", "admin-read"], SignedIn));
        rows.AddRange(Row.Page("/register", "/register", Everyone, Everyone));
        rows.AddRange(Row.Page("/error/{Status:int}", "/error/404", Everyone, Everyone));
        rows.AddRange(Row.Page("/assessments/{AssessmentId:guid}/reviews/{StepId}/admin", $"/assessments/{a}/reviews/external-review/admin", ["tsu-a", "tsu-a-read", "admin", "admin-read"], ["tsu-a", "tsu-a-read", "tsu-b", "mep", "bureau", "admin", "admin-read"]));
        rows.AddRange(Row.Page("/assessments/new", "/assessments/new?workflow=single-review-deliverable", ["mep", "admin"], ["mep", "admin"]));
        // Says "not allowed" to whoever lands on it, with that status.
        rows.AddRange(Row.Page("/forbidden", "/forbidden", [], Everyone, anonymousRefusal: "403"));
        rows.AddRange(Row.Page("/{*path:nonfile}", "/no/such/page", [], Everyone, hidden: Everyone));
        return rows;
    }

    // The static files the pages use (the framework's script, the stylesheets of the components), each with its
    // compressed forms, one endpoint each: open to everyone.
    private IEnumerable<Row> FrameworkAssets()
    {
        _ = app.Server;
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            {
                var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
                foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    yield return new Row($"{method} {path}", () => new HttpRequestMessage(new HttpMethod(method), path), Everyone);
                }
            }
        }
    }

    private IEnumerable<(string Key, bool Explicit)> Endpoints()
    {
        _ = app.Server;
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy));
            foreach (var method in methods)
            {
                // The framework's fallback for files beside the pages names no policy: the fallback policy refuses it to
                // everyone, which its row checks.
                var deniedToAll = endpoint.Metadata.Any(m => m.GetType().Name == "FallbackMetadata");
                yield return ($"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}", anonymous || policy || deniedToAll);
            }
        }
    }

    // A 401 from the sign-in endpoints themselves ("Sign-in refused") is their answer to bad credentials, not a refusal
    // to be called; a 403 from the tokens endpoint about another's token would be a 404.
    private static async Task<bool> IsOwnAnswerAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        return body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("title", out var title) && title.GetString() == "Sign-in refused";
    }

    private sealed record Row(string Key, Func<HttpRequestMessage> Request, IReadOnlyCollection<string> Allowed)
    {
        public IReadOnlyCollection<string> Hidden { get; init; } = [];

        public string AnonymousRefusal { get; init; } = "401";

        public static Row Get(string route, string url, IReadOnlyCollection<string> allowed, IEnumerable<string>? hidden = null) =>
            new($"GET {route}", () => new HttpRequestMessage(HttpMethod.Get, url), allowed) { Hidden = [.. hidden ?? []] };

        /// <summary>A page: GET, and POST as its forms do (refused without the page's antiforgery token: 400, not 401/403).</summary>
        /// A page's POST is refused (400) without the form's antiforgery token to everyone its policy lets in, before the
        /// page reads anything; what the form asks is then the command's to allow (the rows of the API's endpoints).
        public static IEnumerable<Row> Page(string route, string url, IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> policy, IEnumerable<string>? hidden = null, string anonymousRefusal = "401") =>
        [
            Get(route, url, allowed, hidden) with { AnonymousRefusal = anonymousRefusal },
            new($"POST {route}", () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent([new("_handler", "none")]) }, policy),
        ];

        public static Row Bodiless(string method, string route, string url, IReadOnlyCollection<string> allowed, IEnumerable<string>? hidden = null) =>
            new($"{method} {route}", () => new HttpRequestMessage(new HttpMethod(method), url), allowed) { Hidden = [.. hidden ?? []] };

        public static Row Json(string method, string route, string url, object body, IReadOnlyCollection<string> allowed, IEnumerable<string>? hidden = null) =>
            Json(method, route, url, () => body, allowed, hidden);

        public static Row Json(string method, string route, string url, Func<object> body, IReadOnlyCollection<string> allowed, IEnumerable<string>? hidden = null) =>
            new($"{method} {route}", () => new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(body()) }, allowed) { Hidden = [.. hidden ?? []] };

        public static Row File(string route, string url, string name, byte[] content, IReadOnlyCollection<string> allowed) =>
            new($"POST {route}", () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } } }, allowed);
    }

    /// <summary>Assessments A and B with what their people did: A's review is open, set up with chapters 1 and 2 and a
    /// draft; two experts and Kenya's government registered and commented; mail about it was queued.</summary>
    private sealed class World(Guid a, Guid b)
    {
        public static readonly object[] Chapters = [new { code = "1", title = "Introduction" }, new { code = "2", title = "Status and trends" }];

        public Guid A { get; } = a;

        public Guid B { get; } = b;

        public string ReviewOfA => $"/api/assessments/{A}/reviews/external-review";

        public Guid Draft { get; private set; }

        public int CommentOnChapter1 { get; private set; }

        public Guid Person { get; private set; }

        public Guid Target { get; private set; }

        public Guid TargetRole { get; private set; }

        public Guid TokenOfTsuA { get; private set; }

        public long MessageOfA { get; private set; }

        public long EventOfA { get; private set; }

        /// <summary>A scoping assessment whose call for nominations is open.</summary>
        public Guid Nominations { get; private set; }

        /// <summary>The reviewer's application to it, and Kenya's nomination of them.</summary>
        public Guid Candidate { get; private set; }

        public Guid NominationByKenya { get; private set; }

        /// <summary>The MEP's place on the list of the scoping's online consultation.</summary>
        public Guid ParticipantOfMeeting { get; private set; }

        public Guid AgendaOfMeeting { get; private set; }

        public static object Meeting { get; } = new
        {
            mode = "online", onlineLink = "https://meet.example.org/consultation", timeZone = "Europe/Berlin",
            replyBy = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(40),
        };

        public static object Application { get; } = new
        {
            fullName = "Matrix Candidate", gender = "female", nationality = "KE", countryOfWork = "KE", institution = "University of Nairobi", disciplines = new[] { "natural-sciences" },
            keywords = "water", languages = new[] { "en" }, rolesSought = new[] { "lead-author" }, chapters = new[] { "1" }, bodies = new[] { new { type = "government", countryCode = "KE" } },
        };

        /// <summary>A deliverable whose external review opened yesterday and closes in a month.</summary>
        public static async Task<Guid> CreateAssessmentAsync(HttpClient mep, string title)
        {
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var created = await mep.PostAsJsonAsync("/api/assessments", new
            {
                workflow = "single-review-deliverable",
                title,
                start = today.AddDays(-300),
                @fixed = new Dictionary<string, object> { ["external-review"] = new { start = today.AddDays(-1), end = today.AddDays(30) } },
            }, Ct);
            return (await Read(created)).GetProperty("id").GetGuid();
        }

        public static async Task<World> CreateAsync(IpbesFlowApp app, Dictionary<string, HttpClient> personas, Guid a, Guid b)
        {
            var world = new World(a, b);
            var admin = personas["admin"];
            foreach (var (id, tsu) in new[] { (a, personas["tsu-a"]), (b, personas["tsu-b"]) })
            {
                (await tsu.PutAsJsonAsync($"/api/assessments/{id}/reviews/external-review", new { chapters = Chapters }, Ct)).EnsureSuccessStatusCode();
            }

            using var draft = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7 A"u8.ToArray()), "file", "chapter-1.pdf" } };
            world.Draft = (await Read(await personas["tsu-a"].PostAsync($"{world.ReviewOfA}/drafts", draft, Ct))).GetProperty("id").GetGuid();
            foreach (var (persona, @as, country, chapter) in new[] { ("reviewer", "expert", "KE", "1"), ("reviewer-2", "expert", "FR", "2"), ("focal-point-ke", "government", "KE", "1") })
            {
                await Read(await personas[persona].PostAsJsonAsync($"{world.ReviewOfA}/registrations", new { @as, chapters = BothChapters, acceptTerms = true, countryCode = country }, Ct));
                (await personas[persona].PostAsJsonAsync($"{world.ReviewOfA}/comments", new { comments = new[] { new { chapter, fromPage = 3, fromLine = 1, text = $"From {persona}." } } }, Ct)).EnsureSuccessStatusCode();
            }

            (await personas["reviewer"].PostAsJsonAsync($"/api/assessments/{b}/reviews/external-review/registrations", new { chapters = FirstChapter, acceptTerms = true, countryCode = "KE" }, Ct)).EnsureSuccessStatusCode();
            var comments = await personas["tsu-a"].GetFromJsonAsync<JsonElement>($"{world.ReviewOfA}/comments?chapter=1", Ct);
            world.CommentOnChapter1 = comments[0].GetProperty("number").GetInt32();
            world.Person = (await Read(await admin.PostAsJsonAsync("/api/people", new { fullName = "Ana Pérez", email = $"{Guid.NewGuid():N}@example.org", preferredLanguage = "es", countryCode = "MX" }, Ct))).GetProperty("id").GetGuid();
            var (target, _) = await app.CreateAccountAsync(null, TokenScope.Read, new RoleScope(Role.TsuMember, b));
            world.Target = target.Id;
            var users = await admin.GetFromJsonAsync<JsonElement>("/api/users", Ct);
            world.TargetRole = users.EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == target.Id).GetProperty("roles")[0].GetProperty("id").GetGuid();
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            world.Nominations = (await Read(await personas["mep"].PostAsJsonAsync("/api/assessments", new
            {
                workflow = "scoping",
                title = "Nominations",
                start = today.AddDays(-1),
                @fixed = new Dictionary<string, object> { ["call-for-nominations"] = new { start = today.AddDays(-1), end = today.AddDays(30) } },
            }, Ct))).GetProperty("id").GetGuid();
            var applied = await Read(await personas["reviewer"].PutAsJsonAsync($"/api/assessments/{world.Nominations}/calls/call-for-nominations/application", Application, Ct));
            world.Candidate = applied.GetProperty("id").GetGuid();
            world.NominationByKenya = applied.GetProperty("nominations")[0].GetProperty("id").GetGuid();
            await Read(await admin.PutAsJsonAsync($"/api/assessments/{world.Nominations}/meetings/online-consultation", World.Meeting, Ct));
            var asMep = await personas["mep"].GetFromJsonAsync<JsonElement>($"/api/assessments/{world.Nominations}/meetings/online-consultation", Ct);
            world.ParticipantOfMeeting = asMep.GetProperty("mine").GetProperty("id").GetGuid();
            using var agenda = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7 agenda"u8.ToArray()), "file", "agenda.pdf" } };
            world.AgendaOfMeeting = (await Read(await admin.PostAsync($"/api/assessments/{world.Nominations}/meetings/online-consultation/documents", agenda, Ct))).GetProperty("id").GetGuid();
            using var cv = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7 CV"u8.ToArray()), "file", "cv.pdf" } };
            await Read(await personas["reviewer"].PutAsync($"/api/assessments/{world.Nominations}/calls/call-for-nominations/application/cv", cv, Ct));
            world.TokenOfTsuA = (await Read(await personas["tsu-a"].PostAsJsonAsync("/api/tokens", new { name = "to revoke", scope = "read", expiresInDays = 7 }, Ct))).GetProperty("token").GetProperty("id").GetGuid();

            // The registrations' confirmations become mail once the dispatcher has run.
            var mail = await Eventually.GetAsync(
                () => admin.GetFromJsonAsync<JsonElement>($"/api/notifications?assessment={a}", Ct),
                m => m.GetArrayLength() > 0, TimeSpan.FromSeconds(30), "mail about assessment A");
            await Eventually.GetAsync(
                () => admin.GetFromJsonAsync<JsonElement>($"/api/notifications?assessment={b}", Ct),
                m => m.GetArrayLength() > 0, TimeSpan.FromSeconds(30), "mail about assessment B");
            world.MessageOfA = mail[0].GetProperty("id").GetInt64();
            world.EventOfA = mail[0].GetProperty("eventId").GetInt64();
            return world;
        }

        private static async Task<JsonElement> Read(HttpResponseMessage response)
        {
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }
    }
}

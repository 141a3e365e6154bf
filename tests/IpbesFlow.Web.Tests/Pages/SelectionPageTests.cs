using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Identity;
using IpbesFlow.Web.Tests.Api;
using Shouldly;

namespace IpbesFlow.Web.Tests.Pages;

/// <summary>The selection board after the selection has completed, as each of those who open it sees it: the TSU and
/// the secretariat the form to record an expert's departure (with the selected to choose from and the reserves to
/// invite), the MEP the results without it; the call's page tells the selected expert her outcome and leads her to the
/// disclosure, which she alone sees.</summary>
[Collection(nameof(AppCollection))]
public sealed class SelectionPageTests(IpbesFlowApp app)
{
    private static readonly string[] NaturalSciences = ["natural-sciences"];
    private static readonly string[] English = ["en"];
    private static readonly string[] LeadAuthor = ["lead-author"];
    private static readonly string[] ChapterTwo = ["2"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_the_selection_the_TSU_records_departures_from_the_board_and_the_expert_is_led_to_her_disclosure()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));
        using var admin = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        var created = await mep.PostAsJsonAsync("/api/assessments", new
        {
            workflow = "scoping",
            title = "Board after selection",
            start = today.AddDays(-1),
            @fixed = new Dictionary<string, object> { ["call-for-nominations"] = new { start = today.AddDays(-1), end = today.AddDays(30) } },
        }, Ct);
        var id = (await Read(created)).GetProperty("id").GetGuid();
        using var tsu = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, id));
        using var kenya = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.NationalFocalPoint, CountryCode: "KE"));
        var call = $"/api/assessments/{id}/calls/call-for-nominations";
        var clients = new List<HttpClient>();
        var candidates = new List<Guid>();
        foreach (var name in new[] { "Achieng Otieno", "Baraka Mwangi" })
        {
            var client = await app.ClientAsAsync(TokenScope.Write);
            clients.Add(client);
            var applied = await Read(await client.PutAsJsonAsync($"{call}/application", new
            {
                fullName = name, gender = "female", nationality = "KE", countryOfWork = "KE", institution = "KEMRI", disciplines = NaturalSciences,
                keywords = "wetlands", languages = English, rolesSought = LeadAuthor, chapters = ChapterTwo, bodies = new[] { new { type = "government", countryCode = "KE" } },
            }, Ct));
            candidates.Add(applied.GetProperty("id").GetGuid());
            await Read(await kenya.PostAsJsonAsync($"{call}/nominations/{applied.GetProperty("nominations")[0].GetProperty("id").GetGuid()}/decision", new { approve = true }, Ct));
        }

        await Read(await admin.PostAsJsonAsync($"/api/assessments/{id}/steps/expert-selection/actions/start", new { note = "early, for the test" }, Ct));
        var selection = $"/api/assessments/{id}/selections/expert-selection";
        await Read(await mep.PutAsJsonAsync($"{selection}/candidates/{candidates[0]}", new { outcome = "selected", role = "lead-author", chapter = "2" }, Ct));
        await Read(await mep.PutAsJsonAsync($"{selection}/candidates/{candidates[1]}", new { outcome = "reserve" }, Ct));
        await Read(await mep.PostAsJsonAsync($"{selection}/complete", new { note = "agreed" }, Ct));

        var byTsu = await Page(tsu, $"/assessments/{id}/selections/expert-selection");
        var byMep = await Page(mep, $"/assessments/{id}/selections/expert-selection");
        var callOfExpert = await Page(clients[0], $"/assessments/{id}/calls/call-for-nominations");
        var disclosureOfExpert = await Page(clients[0], $"/assessments/{id}/disclosures");
        using var disclosureOfReserve = await clients[1].GetAsync($"/assessments/{id}/disclosures", Ct);

        byTsu.ShouldContain("An expert leaves");
        byTsu.ShouldContain($"<option value=\"{candidates[0]}\">Achieng Otieno</option>");
        byTsu.ShouldContain($"<option value=\"{candidates[1]}\">Baraka Mwangi</option>");
        byMep.ShouldNotContain("An expert leaves");
        byMep.ShouldContain("Conflict of interest disclosures of the selected experts");
        callOfExpert.ShouldContain("selected (lead author, chapter 2)");
        callOfExpert.ShouldContain($"href=\"/assessments/{id}/disclosures\"");
        disclosureOfExpert.ShouldContain("Submit the disclosure");
        disclosureOfReserve.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a reserve is asked for no disclosure, and sees no one's");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static async Task<string> Page(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html[..Math.Min(html.Length, 500)]);
        return html;
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

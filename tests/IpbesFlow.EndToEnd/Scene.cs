using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>What a journey starts from, set through the API by the demo secretariat: an assessment whose external
/// review is open today (or has closed), set up with two chapters and a draft.</summary>
internal static class Scene
{
    public static readonly object[] Chapters = [new { code = "1", title = "Introduction" }, new { code = "2", title = "Status and trends" }];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>A deliverable whose external review runs from <paramref name="opens"/> to <paramref name="closes"/> days
    /// from today, set up; answers its id once the review has reached <paramref name="state"/>.</summary>
    public static async Task<Guid> AssessmentWithReviewAsync(RunningService service, HttpClient admin, string title, int opens, int closes, string state)
    {
        var created = await RunningService.ReadAsync(await admin.PostAsJsonAsync("/api/assessments", new
        {
            workflow = "single-review-deliverable",
            title,
            start = Today.AddDays(-300),
            timeZone = "Africa/Nairobi",
            @fixed = new Dictionary<string, object> { ["external-review"] = new { start = Today.AddDays(opens), end = Today.AddDays(closes) } },
        }, Ct));
        var id = created.GetProperty("id").GetGuid();
        await RunningService.ReadAsync(await admin.PutAsJsonAsync($"/api/assessments/{id}/reviews/external-review", new { chapters = Chapters }, Ct));
        using var draft = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7 first-order draft"u8.ToArray()), "file", "first-order-draft.pdf" } };
        await RunningService.ReadAsync(await admin.PostAsync($"/api/assessments/{id}/reviews/external-review/drafts", draft, Ct));
        await Testing.Eventually.GetAsync(async () => StateOf(await RunningService.ReadAsync(await admin.GetAsync($"/api/assessments/{id}", Ct)), "external-review"),
            s => s == state, TimeSpan.FromSeconds(60), $"the review to be {state}");
        return id;
    }

    public static async Task<Guid> AccountAsync(HttpClient admin, string email, string name, string? password = null, object? role = null)
    {
        var user = await RunningService.ReadAsync(await admin.PostAsJsonAsync("/api/users", new { email, fullName = name, password, role }, Ct));
        return user.GetProperty("id").GetGuid();
    }

    public static string StateOf(JsonElement assessment, string step) =>
        assessment.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("id").GetString() == step).GetProperty("state").GetString()!;

    public static string Link(string mail, string path)
    {
        var match = System.Text.RegularExpressions.Regex.Match(mail, $@"https?://\S+{System.Text.RegularExpressions.Regex.Escape(path)}\S*", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        match.Success.ShouldBeTrue($"the mail holds a link to {path}:\n{mail}");
        return match.Value.TrimEnd('.', ',', ')', '>');
    }
}

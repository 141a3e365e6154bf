using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Shouldly;

namespace IpbesFlow.Web.Tests.Api;

/// <summary>Body limits as Kestrel enforces them (the in-memory test server has none): a draft may be larger than
/// any other request body, up to its own limit; and it comes back over HTTP as it was sent.</summary>
public sealed class RequestSizeTests(RequestSizeTests.SmallLimitsApp app) : IClassFixture<RequestSizeTests.SmallLimitsApp>
{
    private const int BodyLimit = 4 * 1024;
    private const int DraftLimit = 64 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_draft_may_be_larger_than_other_bodies_up_to_its_own_limit()
    {
        var (_, tsu, review) = await app.ReviewAsync("Large drafts", new DateOnly(2031, 1, 6), ("1", "Introduction"));

        var content = new byte[BodyLimit * 5];
        new Random(5).NextBytes(content);
        using var largeDraft = File(content);
        var taken = await tsu.PostAsync($"{review}/drafts", largeDraft, Ct);
        var draftId = (await taken.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        using var downloaded = await tsu.GetAsync($"{review}/drafts/{draftId}", Ct);
        using var tooLargeDraft = File(new byte[DraftLimit + 1024]);
        var refusedDraft = await tsu.PostAsync($"{review}/drafts", tooLargeDraft, Ct);
        var refusedSetUp = await tsu.PutAsJsonAsync(review, new { chapters = new[] { new { code = "1", title = new string('x', BodyLimit * 2) } } }, Ct);
        var drafts = (await tsu.GetFromJsonAsync<JsonElement>(review, Ct)).GetProperty("drafts");

        taken.StatusCode.ShouldBe(HttpStatusCode.Created, "above the general limit, within the drafts' own");
        refusedDraft.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        refusedSetUp.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, "other requests keep the general limit");
        drafts.GetArrayLength().ShouldBe(1, "the refused draft left nothing behind");
        drafts[0].GetProperty("length").GetInt64().ShouldBe(BodyLimit * 5);
        downloaded.Content.Headers.ContentLength.ShouldBe(BodyLimit * 5, "streamed, with its length announced");
        (await downloaded.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(content);
    }

    private static MultipartFormDataContent File(byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", "second-order-draft.pdf" } };
    }

    /// <summary>The application on Kestrel, on a free port, with small limits.</summary>
    public sealed class SmallLimitsApp : IpbesFlowApp
    {
        public SmallLimitsApp() => UseKestrel(0);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:MaxRequestBodyBytes", BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Security:MaxDraftBytes", DraftLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Shouldly;

namespace IpbesFlow.Web.Tests.Api;

/// <summary>Draft downloads take turns: each streams from the database over a pooled connection, so only so many run
/// at once and the others wait, over real HTTP (Kestrel), for one to finish.</summary>
public sealed class DraftDownloadTests(DraftDownloadTests.OneDownloadAtATimeApp app) : IClassFixture<DraftDownloadTests.OneDownloadAtATimeApp>
{
    // Larger than what the loopback socket buffers and Kestrel hold, so a download nobody reads stays in progress.
    private const int DraftBytes = 32 * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_download_waits_for_its_turn_and_then_gets_the_whole_draft()
    {
        var (_, tsu, review) = await app.ReviewAsync("Popular draft", new DateOnly(2031, 1, 6), ("1", "Introduction"));
        var content = new byte[DraftBytes];
        new Random(11).NextBytes(content);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "second-order-draft.pdf" } };
        var attached = await tsu.PostAsync($"{review}/drafts", form, Ct);
        attached.StatusCode.ShouldBe(HttpStatusCode.Created);
        var draftUrl = $"{review}/drafts/{(await attached.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid()}";

        // The first download is under way and not read yet; the second waits for it.
        using var first = await tsu.GetAsync(draftUrl, HttpCompletionOption.ResponseHeadersRead, Ct);
        var second = tsu.GetAsync(draftUrl, Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        var waited = !second.IsCompleted;
        var firstBytes = await first.Content.ReadAsByteArrayAsync(Ct);
        using var secondResponse = await second;

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        waited.ShouldBeTrue("one download at a time here");
        firstBytes.ShouldBe(content);
        secondResponse.StatusCode.ShouldBe(HttpStatusCode.OK, "its turn came when the first was sent");
        (await secondResponse.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(content);
    }

    /// <summary>The application on Kestrel with one draft download at a time.</summary>
    public sealed class OneDownloadAtATimeApp : IpbesFlowApp
    {
        public OneDownloadAtATimeApp() => UseKestrel(0);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:ConcurrentDraftDownloads", "1");
        }
    }
}

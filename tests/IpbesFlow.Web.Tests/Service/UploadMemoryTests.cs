using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.Web.Tests.Service;

/// <summary>Hostile workbooks uploaded to the real service by a registered reviewer: each is refused with a clear
/// message, and the process's peak resident memory (VmHWM, which never goes down) stays within 100 MB of what it was
/// after an ordinary upload.</summary>
public sealed class UploadMemoryTests : IDisposable
{
    private const long Allowance = 100L * 1024 * 1024;
    private static readonly string[] FirstChapter = ["1"];
    private static readonly string Service = RepositoryPaths.ExecutableDll("IpbesFlow.Web", "IpbesFlow.Web");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-memory-").FullName;

    [Fact]
    public async Task Workbooks_that_unpack_to_gigabytes_are_refused_while_the_service_stays_within_100_MB_of_its_peak_before()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        await using var service = ProcessRunner.Start(Service, ["--urls", address.ToString(), "--demo"],
            new Dictionary<string, string?> { ["Storage__DataDirectory"] = Path.Combine(folder, "data"), ["DOTNET_ENVIRONMENT"] = "Testing", ["Demo__Portfolio"] = "false" }, folder);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        await Eventually.GetAsync(
            async () => service.HasExited ? throw new InvalidOperationException(service.Output) : (await http.GetAsync("/health/ready", Ct)).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the service to be ready");
        var review = await OpenReviewAsync(http);

        // An ordinary upload first, so that what the service holds after its first real work is the baseline.
        var ordinary = await UploadAsync(http, review, "ordinary.xlsx", HostileWorkbooks.Ordinary(2_000));
        ordinary.StatusCode.ShouldBe(HttpStatusCode.OK, await ordinary.Content.ReadAsStringAsync(Ct));
        var before = PeakResidentBytes(service.Id);

        var refusals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, file) in new (string, Func<byte[]>)[]
        {
            ("zip bomb (2 GB sheet)", () => HostileWorkbooks.HugeSheet(2 * HostileWorkbooks.Gigabyte)),
            ("a million rows", () => HostileWorkbooks.ManyRows(1_000_000)),
            ("a shared string of 100 MB", () => HostileWorkbooks.HugeSharedString(100L * 1024 * 1024)),
            ("a workbook part of 1 GB", () => HostileWorkbooks.HugeWorkbookPart(HostileWorkbooks.Gigabyte)),
            ("a styles part of 1 GB", () => HostileWorkbooks.HugeStyles(HostileWorkbooks.Gigabyte)),
        })
        {
            var response = await UploadAsync(http, review, "comments.xlsx", file());
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, name);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
            refusals[name] = errors.EnumerateObject().Single().Value[0].GetString()!;
        }

        var after = PeakResidentBytes(service.Id);

        refusals["zip bomb (2 GB sheet)"].ShouldContain("unpacks to 2,048 MB");
        refusals["a million rows"].ShouldContain("more than 100,000 rows");
        refusals["a shared string of 100 MB"].ShouldContain("xl/sharedStrings.xml unpacks to 100 MB");
        refusals["a workbook part of 1 GB"].ShouldContain("xl/workbook.xml unpacks to 1,024 MB");
        refusals["a styles part of 1 GB"].ShouldContain("xl/styles.xml unpacks to 1,024 MB");
        (after - before).ShouldBeLessThan(Allowance, $"peak resident memory went from {before / (1024 * 1024)} MB to {after / (1024 * 1024)} MB");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // The demo admin sets up a review that is open now, and registers for it as an expert.
    private static async Task<string> OpenReviewAsync(HttpClient http)
    {
        (await http.PostAsJsonAsync("/api/auth/sign-in", new { email = $"admin@{Identity.DemoAccounts.Domain}", password = Identity.DemoAccounts.Password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var created = await http.PostAsJsonAsync("/api/assessments", new
        {
            workflow = "single-review-deliverable",
            title = "Hostile files",
            start = today.AddDays(-300),
            @fixed = new Dictionary<string, object> { ["external-review"] = new { start = today.AddDays(-1), end = today.AddDays(30) } },
        }, Ct);
        var review = $"/api/assessments/{(await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid()}/reviews/external-review";
        (await http.PutAsJsonAsync(review, new { chapters = new[] { new { code = "1", title = "Introduction" } } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostAsJsonAsync($"{review}/registrations", new { chapters = FirstChapter, acceptTerms = true, countryCode = "KE" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return review;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string review, string name, byte[] file)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
        return await http.PostAsync($"{review}/comments/upload", form, Ct);
    }

    // The process's peak resident set (VmHWM in /proc/<pid>/status, in kB): it only ever grows.
    private static long PeakResidentBytes(int pid) =>
        1024 * long.Parse(File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

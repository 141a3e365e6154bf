using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IpbesFlow.Testing;

namespace IpbesFlow.Benchmarks.Benchmarks;

/// <summary>What a person waits for a page: the real service process (SQLite, the demo portfolio) over HTTP on loopback,
/// signed in as the secretariat, asked for the dashboard, an assessment's page (timeline, steps, journal, mail) and a
/// review's comment list holding 20,000 comments (paged), each many times in turn. Each page's median time is given
/// as a multiple of a bare GET /health/live measured the same way in the same run (the cost of a request that does
/// nothing: connection, Kestrel, the middleware).</summary>
internal sealed class PagesBenchmark : IBenchmark
{
    private const int Comments = 20_000;

    public string Name => "pages";

    public string Description => "median server time of the dashboard, an assessment and a 20,000-comment review page, as multiples of GET /health/live";

    public async Task<string> RunAsync(BenchmarkOptions options)
    {
        var rounds = options.Quick ? 60 : 300;
        var folder = Directory.CreateTempSubdirectory("ipbesflow-pages-").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var environment = new Dictionary<string, string?>
        {
            ["Storage__DataDirectory"] = Path.Combine(folder, "data"),
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Security__SignInAttemptsPerMinute"] = "1000",
        };
        await using var service = ProcessRunner.Start(RepositoryPaths.ExecutableDll("IpbesFlow.Web", "IpbesFlow.Web"), ["--urls", address.ToString(), "--demo"], environment, folder);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
            await Eventually.GetAsync(
                async () => service.HasExited ? throw new InvalidOperationException(service.Output) : await StatusAsync(http, "/health/ready"),
                s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(120), "the service to be ready");
            (await http.PostAsJsonAsync("/api/auth/sign-in", new { email = "admin@demo.ipbesflow.localhost", password = "ipbesflow-demo" })).EnsureSuccessStatusCode();
            var (assessment, review) = await ReviewWithCommentsAsync(http);

            var pages = new (string Name, string Path)[]
            {
                ("health", "/health/live"),
                ("dashboard", "/"),
                ("assessment", $"/assessments/{assessment}"),
                ("comments", $"{review}?page=200"),
            };
            foreach (var (_, path) in pages)
            {
                for (var i = 0; i < 20; i++)
                {
                    await TimeAsync(http, path);
                }
            }

            // In turns, so that whatever the machine does meanwhile falls on every page alike.
            var times = pages.ToDictionary(p => p.Name, _ => new List<double>(), StringComparer.Ordinal);
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, path) in pages)
                {
                    times[name].Add(await TimeAsync(http, path));
                }
            }

            var health = Median(times["health"]);
            Console.WriteLine($"  GET /health/live: median {F(health)} ms over {rounds} requests");
            var ratios = new List<string>();
            foreach (var (name, path) in pages.Skip(1))
            {
                var median = Median(times[name]);
                Console.WriteLine($"  {name,-10} {path}: median {F(median)} ms, 95th percentile {F(Percentile(times[name], 0.95))} ms, {F(median / health)}x health");
                ratios.Add($"{name}={F(median / health)}");
            }

            return $"pages: {string.Join(' ', ratios)} (median page time / median GET /health/live; the review page pages 50 of {Comments:N0} comments)";
        }
        finally
        {
            service.Kill();
            Directory.Delete(folder, recursive: true);
        }
    }

    // An assessment whose review is open, set up, and holding 20,000 comments, imported as the TSU imports a compilation.
    private static async Task<(Guid Assessment, string Review)> ReviewWithCommentsAsync(HttpClient http)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var created = await (await http.PostAsJsonAsync("/api/assessments", new
        {
            workflow = "single-review-deliverable",
            title = "Pages benchmark",
            start = today.AddDays(-300),
            @fixed = new Dictionary<string, object> { ["external-review"] = new { start = today.AddDays(-1), end = today.AddDays(30) } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var api = $"/api/assessments/{id}/reviews/external-review";
        (await http.PutAsJsonAsync(api, new { chapters = Enumerable.Range(1, 8).Select(c => new { code = c.ToString(CultureInfo.InvariantCulture), title = $"Chapter {c}" }) })).EnsureSuccessStatusCode();
        var csv = new StringBuilder("No.,Chapter,From page,From line,To page,To line,Comment,Reviewer,Country,Organisation,Reviewer type,Response status,Response\n");
        for (var i = 1; i <= Comments; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{1 + (i % 8)},{1 + (i % 90)},{1 + (i % 40)},{1 + (i % 90)},{1 + (i % 40)},Comment {i}: the figure lacks units and a source.,Reviewer {i % 400},KE,,expert,,\n");
        }

        using var file = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "compilation.csv" } };
        var imported = await http.PostAsync($"{api}/comments/import", file);
        if (!imported.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The import answered {imported.StatusCode}: {await imported.Content.ReadAsStringAsync()}");
        }

        return (id, $"/assessments/{id}/reviews/external-review");
    }

    private static async Task<double> TimeAsync(HttpClient http, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.OK ? elapsed : throw new InvalidOperationException($"GET {path} answered {response.StatusCode}");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(share * sorted.Count))];
    }

    private static string F(double value) => value.ToString(value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

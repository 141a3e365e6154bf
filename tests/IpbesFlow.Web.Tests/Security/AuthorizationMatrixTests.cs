using System.Net;
using System.Text;
using System.Text.Json;
using IpbesFlow.Identity;
using IpbesFlow.Web.Tests.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.Web.Tests.Security;

/// <summary>Who may call what, written out by hand for every endpoint of the running application. An endpoint added
/// without a row, or without an explicit policy, fails here; so does a policy that lets the wrong people in or keeps
/// the right ones out.</summary>
[Collection(nameof(AppCollection))]
public sealed class AuthorizationMatrixTests(IpbesFlowApp app) : IAsyncLifetime
{
    private const string Anonymous = "anonymous";
    private static readonly Guid AssessmentA = Guid.Parse("0199aaaa-0000-7000-8000-00000000000a");

    // Who is allowed, by group; everyone else is refused (401 when anonymous, 403 otherwise).
    private static readonly string[] Everyone = [Anonymous, "reviewer", "focal-point", "tsu", "tsu-read-token", "mep", "admin", "admin-read-token"];
    private static readonly string[] SignedIn = Everyone[1..];
    private static readonly string[] SignedInWrite = ["reviewer", "focal-point", "tsu", "mep", "admin"];
    private static readonly string[] StaffRead = ["tsu", "tsu-read-token", "mep", "admin", "admin-read-token"];
    private static readonly string[] StaffWrite = ["tsu", "mep", "admin"];
    private static readonly string[] ConfigureAssessments = ["mep", "admin"];
    private static readonly string[] AdminRead = ["admin", "admin-read-token"];
    private static readonly string[] AdminWrite = ["admin"];

    private static readonly Dictionary<string, string[]> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /health/live"] = Everyone,
        ["GET /health/ready"] = Everyone,
        ["GET /openapi/{documentName}.json"] = Everyone,
        ["GET /api-docs/{documentName?}"] = Everyone,
        ["GET /api-docs/scalar.js"] = Everyone,
        ["GET /api-docs/scalar.aspnetcore.js"] = Everyone,
        ["GET /api-docs/favicon.svg"] = Everyone,
        ["GET /sign-in"] = Everyone,
        ["POST /sign-in"] = Everyone,
        ["POST /api/auth/sign-in"] = Everyone,
        ["POST /api/auth/sign-in-links"] = Everyone,
        ["GET /api/auth/oidc/"] = Everyone,
        ["GET /api/auth/oidc/complete"] = Everyone,
        ["POST /api/auth/sign-out"] = SignedIn,
        ["GET /api/auth/me"] = SignedIn,
        ["GET /api/tokens/"] = SignedIn,
        ["POST /api/tokens/"] = SignedInWrite,
        ["DELETE /api/tokens/{id:guid}"] = SignedInWrite,
        ["GET /api/workflows/"] = SignedIn,
        ["GET /api/workflows/{id}"] = SignedIn,
        ["POST /api/workflows/{id}/plan"] = SignedIn,
        ["GET /api/people/"] = StaffRead,
        ["GET /api/people/{id:guid}"] = StaffRead,
        ["POST /api/people/"] = StaffWrite,
        ["POST /api/assessments/"] = ConfigureAssessments,
        ["GET /api/assessments/"] = StaffRead,
        ["GET /api/assessments/{id:guid}"] = StaffRead,
        ["GET /api/assessments/{id:guid}/journal"] = StaffRead,
        ["POST /api/assessments/{id:guid}/steps/{stepId}/actions/{action}"] = SignedInWrite,
        ["POST /api/assessments/{id:guid}/steps/{stepId}/reschedule"] = StaffWrite,
        ["POST /api/assessments/{id:guid}/version"] = StaffWrite,
        ["GET /api/tasks"] = SignedIn,
        ["GET /api/reviews"] = SignedIn,
        ["GET /api/assessments/{id:guid}/reviews/{stepId}/"] = SignedIn,
        ["PUT /api/assessments/{id:guid}/reviews/{stepId}/"] = StaffWrite,
        ["POST /api/assessments/{id:guid}/reviews/{stepId}/drafts"] = StaffWrite,
        ["GET /api/assessments/{id:guid}/reviews/{stepId}/drafts/{draftId:guid}"] = SignedIn,
        ["POST /api/assessments/{id:guid}/reviews/{stepId}/registrations"] = SignedInWrite,
        ["GET /api/assessments/{id:guid}/reviews/{stepId}/comments"] = SignedIn,
        ["POST /api/assessments/{id:guid}/reviews/{stepId}/comments"] = SignedInWrite,
        ["POST /api/assessments/{id:guid}/reviews/{stepId}/comments/upload"] = SignedInWrite,
        ["POST /api/assessments/{id:guid}/reviews/{stepId}/comments/import"] = StaffWrite,
        ["POST /api/assessments/{id:guid}/reviews/{stepId}/comments/{number:int}/response"] = SignedInWrite,
        ["POST /api/assessments/{id:guid}/reviews/{stepId}/chapters/{chapter}/sign-off"] = SignedInWrite,
        ["GET /api/assessments/{id:guid}/reviews/{stepId}/progress"] = SignedIn,
        ["GET /api/assessments/{id:guid}/reviews/{stepId}/template.xlsx"] = SignedIn,
        ["GET /api/assessments/{id:guid}/reviews/{stepId}/export"] = Everyone,
        ["GET /api/notifications/"] = StaffRead,
        ["POST /api/notifications/{id:long}/resend"] = StaffWrite,
        ["GET /api/users/"] = AdminRead,
        ["POST /api/users/"] = AdminWrite,
        ["POST /api/users/{id:guid}/roles"] = AdminWrite,
        ["DELETE /api/users/{id:guid}/roles/{assignmentId:guid}"] = AdminWrite,
        ["GET /api/audit"] = AdminRead,
    };

    private readonly Dictionary<string, HttpClient> personas = new(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        personas[Anonymous] = app.CreateClient();
        personas["reviewer"] = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.Reviewer, AssessmentA, ReviewStepId: "fod-review"));
        personas["focal-point"] = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.NationalFocalPoint, CountryCode: "KE"));
        personas["tsu"] = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, AssessmentA));
        personas["tsu-read-token"] = await app.ClientAsAsync(TokenScope.Read, new RoleScope(Role.TsuMember, AssessmentA));
        personas["mep"] = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));
        personas["admin"] = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        personas["admin-read-token"] = await app.ClientAsAsync(TokenScope.Read, new RoleScope(Role.SecretariatAdmin));
    }

    [Fact]
    public void Every_endpoint_declares_who_may_call_it_and_has_a_row_in_the_matrix()
    {
        var endpoints = Endpoints().ToList();

        endpoints.Where(e => !e.Explicit).Select(e => e.Key).ShouldBeEmpty("every endpoint names a policy or says it is anonymous");
        endpoints.Select(e => e.Key).Except(Matrix.Keys).ShouldBeEmpty("every endpoint has a row in the matrix");
        Matrix.Keys.Except(endpoints.Select(e => e.Key)).ShouldBeEmpty("every row of the matrix is an endpoint");
    }

    [Fact]
    public async Task Every_endpoint_answers_every_persona_as_the_matrix_says()
    {
        var mismatches = new List<string>();
        foreach (var (key, allowed) in Matrix)
        {
            var (method, route) = (key[..key.IndexOf(' ', StringComparison.Ordinal)], key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            foreach (var (persona, client) in personas)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(route));
                if (key == "POST /sign-in")
                {
                    // The page's form, as a browser posts it (without the page's antiforgery token, which is refused with 400).
                    request.Content = new FormUrlEncodedContent([new("token", "ipbl_unknown")]);
                }
                else if (key.EndsWith("/drafts", StringComparison.Ordinal) || key.EndsWith("/upload", StringComparison.Ordinal) || key.EndsWith("/import", StringComparison.Ordinal))
                {
                    // A file endpoint is matched only by a form; anything else finds no endpoint (and the fallback denies it).
                    request.Content = new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "file", "comments.csv" } };
                }
                else if (method is "POST" or "PUT" or "DELETE")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                var refused = await IsRefusedByAuthorization(response);
                var expected = allowed.Contains(persona) ? "allowed" : persona == Anonymous ? "401" : "403";
                var actual = !refused ? "allowed" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (expected != actual)
                {
                    mismatches.Add($"{key} as {persona}: expected {expected}, got {(int)response.StatusCode}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    public ValueTask DisposeAsync()
    {
        foreach (var client in personas.Values)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
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
                yield return ($"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}", anonymous || policy);
            }
        }
    }

    private static string Concrete(string route) => route
        .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{assignmentId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{draftId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{number:int}", "7", StringComparison.Ordinal)
        .Replace("{chapter}", "SPM", StringComparison.Ordinal)
        .Replace("{id:long}", "987654321", StringComparison.Ordinal)
        .Replace("{id}", "thematic-assessment", StringComparison.Ordinal)
        .Replace("{stepId}", "fod-review", StringComparison.Ordinal)
        .Replace("{action}", "complete", StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{documentName?}", string.Empty, StringComparison.Ordinal);

    // A 401 from the password sign-in endpoint itself ("Sign-in refused") is its answer to bad credentials, not a refusal to be called.
    private static async Task<bool> IsRefusedByAuthorization(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 || JsonDocument.Parse(body).RootElement.TryGetProperty("title", out var title) is false || title.GetString() != "Sign-in refused";
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpbesFlow.Identity;
using IpbesFlow.Notifications;
using IpbesFlow.People;
using IpbesFlow.Web.Tests.Api;
using IpbesFlow.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.Web.Tests.Pages;

/// <summary>Every link a notification can carry leads to a page its recipients may open: each shipped workflow's every
/// step whose definition names a template, each template rendered in every language with that step's real links, and
/// each link in it followed as the people the mail goes to (the assessment's TSU; for a call or a review, also an
/// outside expert with no role at all; for a step whose audience is experts, an expert invited to that step).</summary>
[Collection(nameof(AppCollection))]
public sealed partial class MailLinkTests(IpbesFlowApp app) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_link_a_template_builds_leads_to_a_page_its_recipients_may_open()
    {
        var catalog = app.Services.GetRequiredService<IWorkflowCatalog>();
        var templates = app.Services.GetRequiredService<NotificationTemplates>();
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));
        using var outsider = await app.ClientAsAsync(TokenScope.Write);
        var failures = new List<string>();
        var followed = 0;
        foreach (var workflow in catalog.All.GroupBy(d => d.Id, StringComparer.Ordinal).Select(g => g.MaxBy(d => d.Version)!))
        {
            var created = await mep.PostAsJsonAsync("/api/assessments", new { workflow = workflow.Id, title = $"Links of {workflow.Id}", start = "2031-01-06", plenary = "2034-06-05" }, Ct);
            var body = await created.Content.ReadAsStringAsync(Ct);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, body);
            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
            using var tsu = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, id));

            foreach (var step in workflow.Steps.Where(s => s.Notify.Count > 0))
            {
                var model = NotificationModel.Sample with { Links = LinksModel.For("http://localhost", id, step.Id) };
                foreach (var template in step.Notify.Values.Distinct(StringComparer.Ordinal))
                {
                    foreach (var language in UnLanguages.All)
                    {
                        var rendered = templates.Render(template, language, model);
                        // Our links (an online meeting's link is the meeting's host's, not ours).
                        foreach (var link in Links().Matches(rendered.Text + "\n" + rendered.Html).Select(m => m.Value.TrimEnd('.', ',', ')', '。', '）', '،')).Where(l => l.StartsWith("http://localhost/", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
                        {
                            var readers = new List<(string, HttpClient)> { ("the TSU", tsu) };
                            if (step.Kind.RequiresAudience)
                            {
                                readers.Add(("an outside expert", outsider));
                            }

                            if (step.Audience.Contains(Audience.Experts))
                            {
                                readers.Add(("an expert invited to the step", await InvitedAsync(id, step.Id)));
                            }

                            foreach (var (who, client) in readers)
                            {
                                followed++;
                                if (await OpensAsync(client, link) is { } problem)
                                {
                                    failures.Add($"{workflow.Id}/{step.Id} {template} ({language}): {link} as {who}: {problem}");
                                }
                            }
                        }
                    }
                }
            }
        }

        followed.ShouldBeGreaterThan(100, "every shipped workflow has steps that send mail with links");
        failures.Distinct(StringComparer.Ordinal).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_links_in_nominations_mail_lead_to_pages_their_recipients_may_open()
    {
        var templates = app.Services.GetRequiredService<NotificationTemplates>();
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));
        var created = await mep.PostAsJsonAsync("/api/assessments", new { workflow = "scoping", title = "Links of nominations", start = "2031-01-06" }, Ct);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetGuid();
        using var body = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.NationalFocalPoint, CountryCode: "KE"));
        using var selected = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.Author, id, AuthorRole.LeadAuthor, Chapter: "2"));
        using var candidate = await app.ClientAsAsync(TokenScope.Write);
        var failures = new List<string>();
        var followed = 0;
        foreach (var (template, step, readers) in new (string, string, (string, HttpClient)[])[]
        {
            (NominationPayload.Received, "call-for-nominations", [("the nominating body", body)]),
            (Notifications.Recipes.SelectionOutcomesRecipe.Selected, "expert-selection", [("the selected expert", selected)]),
            (DisclosureReminderPayload.Event, "expert-selection", [("the selected expert", selected)]),
            (MeetingReplyReminderPayload.Event, "online-consultation", [("an MEP member on its list", mep)]),
            (Notifications.Recipes.SelectionOutcomesRecipe.Reserve, "expert-selection", [("a reserve", candidate)]),
            (Notifications.Recipes.SelectionOutcomesRecipe.NotSelected, "expert-selection", [("a candidate not selected", candidate)]),
            (Notifications.Recipes.SelectionOutcomesRecipe.NomineesOutcomes, "expert-selection", [("the nominating body", body)]),
        })
        {
            foreach (var language in UnLanguages.All)
            {
                var rendered = templates.Render(template, language, NotificationModel.Sample with { Links = LinksModel.For("http://localhost", id, step), Step = NotificationModel.Sample.Step with { Id = step } });
                foreach (var link in Links().Matches(rendered.Text).Select(m => m.Value.TrimEnd('.', ',', ')', '。', '）', '،')).Distinct(StringComparer.Ordinal))
                {
                    foreach (var (who, client) in readers)
                    {
                        followed++;
                        if (await OpensAsync(client, link) is { } problem)
                        {
                            failures.Add($"{template} ({language}): {link} as {who}: {problem}");
                        }
                    }
                }
            }
        }

        followed.ShouldBe(30, "the body's request (the call), the selected expert's result (the assessment, the disclosure), the disclosure reminder and the meeting's reply reminder carry links, in six languages; the others say all there is to say");
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_sign_in_link_of_the_mail_opens_its_page_for_someone_not_signed_in()
    {
        var templates = app.Services.GetRequiredService<NotificationTemplates>();
        using var anonymous = app.CreateClient();
        foreach (var language in UnLanguages.All)
        {
            var rendered = templates.Render(PendingSignInLink.Template, language, NotificationModel.Sample with { SignIn = new SignInModel("http://localhost/sign-in?token=ipbl_sample", "2031-01-06 10:00 UTC") });
            var link = Links().Match(rendered.Text).Value;
            link.ShouldStartWith("http://localhost/sign-in?token=");
            (await OpensAsync(anonymous, link)).ShouldBeNull();
        }
    }

    private readonly Dictionary<(Guid, string), HttpClient> invited = [];

    private async Task<HttpClient> InvitedAsync(Guid assessment, string step)
    {
        if (!invited.TryGetValue((assessment, step), out var client))
        {
            client = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.Reviewer, assessment, ReviewStepId: step));
            invited[(assessment, step)] = client;
        }

        return client;
    }

    public void Dispose()
    {
        foreach (var client in invited.Values)
        {
            client.Dispose();
        }
    }

    // A page a person may open: it answers 200 with HTML, and did not send them to sign in or to "not allowed".
    private static async Task<string?> OpensAsync(HttpClient client, string link)
    {
        using var response = await client.GetAsync(new Uri(link).PathAndQuery, Ct);
        var landed = response.RequestMessage?.RequestUri?.AbsolutePath;
        return response.StatusCode != HttpStatusCode.OK ? $"{(int)response.StatusCode}"
            : response.Content.Headers.ContentType?.MediaType != "text/html" ? $"not a page ({response.Content.Headers.ContentType})"
            : landed is "/sign-in" or "/forbidden" && !link.Contains("/sign-in", StringComparison.Ordinal) ? $"sent to {landed}"
            : null;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Links();
}

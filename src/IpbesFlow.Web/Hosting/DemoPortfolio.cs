using System.Security.Claims;
using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Reviews;
using IpbesFlow.Web.Security;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Web.Hosting;

/// <summary>With <c>--demo</c>, once, into an empty database: the seed's assessments at their real dates and stages
/// (values, sustainable use of wild species, invasive alien species; the nexus and transformative change scoping), and
/// one assessment whose first-order draft is in review today, set up, with registered reviewers and a few hundred
/// comments, so that every page has something to show. Everything goes through the same commands as the pages and the
/// API, as the demo secretariat (and each demo reviewer for their own comments). The demo accounts' roles point at it.</summary>
internal static class DemoPortfolio
{
    public const string OpenReviewTitle = "Business and biodiversity (demo: first-order draft in review)";

    public const string SelectionTitle = "Spatial planning and biodiversity (demo: experts being selected)";

    // Candidates of the demo's call for nominations, as a secretariat receives them by mail (imported): name, gender,
    // nationality, disciplines, roles sought, chapters, status of the government's nomination.
    private static readonly (string Name, string Gender, string Country, string Disciplines, string Roles, string Chapters, string Status)[] Candidates =
    [
        ("Amina Wanjiku", "female", "KE", "natural-sciences;indigenous-and-local-knowledge", "coordinating-lead-author;lead-author", "2", "approved"),
        ("Joseph Otieno", "male", "KE", "social-sciences", "lead-author", "3", "pending"),
        ("Fatou Diop", "female", "SN", "social-sciences;policy-and-practice", "co-chair;lead-author", "1", "approved"),
        ("Kwame Mensah", "male", "GH", "natural-sciences", "lead-author;review-editor", "4", "approved"),
        ("Nomvula Dlamini", "female", "ZA", "humanities", "lead-author", "5", "approved"),
        ("Ana Souza", "female", "BR", "natural-sciences", "coordinating-lead-author", "3", "approved"),
        ("Diego Ramírez", "male", "MX", "policy-and-practice", "lead-author;fellow", "5", "approved"),
        ("Lucía Quispe", "female", "PE", "indigenous-and-local-knowledge", "lead-author", "2", "approved"),
        ("Mei Lin", "female", "CN", "natural-sciences", "lead-author", "4", "approved"),
        ("Arjun Sharma", "male", "IN", "social-sciences", "coordinating-lead-author;lead-author", "1", "approved"),
        ("Siti Rahman", "female", "ID", "humanities;policy-and-practice", "review-editor", "2", "approved"),
        ("Hiroshi Tanaka", "male", "JP", "natural-sciences", "lead-author", "3", "approved"),
        ("Katarzyna Nowak", "female", "PL", "natural-sciences", "lead-author;review-editor", "4", "approved"),
        ("Oleksandr Kovalenko", "male", "UA", "social-sciences", "lead-author", "5", "approved"),
        ("Ingrid Johansen", "female", "NO", "policy-and-practice", "co-chair", "1", "approved"),
        ("Thomas Müller", "male", "DE", "natural-sciences", "lead-author", "2", "declined"),
        ("Claire Martin", "female", "FR", "humanities", "review-editor", "3", "approved"),
        ("Tevita Fifita", "male", "TO", "indigenous-and-local-knowledge", "fellow", "5", "approved"),
    ];

    private static readonly string[] Topics =
        ["pollinator decline", "water use in supply chains", "the definition of dependency", "indicators of impact", "Indigenous and local knowledge",
         "the regional balance of case studies", "the figure on financial flows", "the glossary", "policy options", "data gaps in Africa"];

    // Both scoping reports of the seed went to a second review.
    private static readonly Dictionary<string, string> SecondReview = new(StringComparer.Ordinal) { ["second_review"] = "true" };

    public static async Task SeedAsync(IServiceProvider services, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        await using (var check = services.CreateAsyncScope())
        {
            if (await check.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().Assessments.AnyAsync(cancellationToken))
            {
                return;
            }
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var admin = await AccountAsync(services, $"admin@{DemoAccounts.Domain}", cancellationToken);
        var history = new (string Workflow, string Title, string Start, string? Plenary, string Decision, (string Step, string Start, string End)[] Fixed, Dictionary<string, string>? Parameters)[]
        {
            ("methodological-assessment", "Methodological assessment of the diverse conceptualization of multiple values of nature", "2018-03-01", "2022-07-03", "IPBES-9/1",
                [("fod-review", "2019-07-29", "2019-09-22"), ("second-author-meeting", "2019-10-21", "2019-10-25"), ("sod-review", "2021-01-20", "2021-03-19"), ("third-author-meeting", "2021-04-12", "2021-04-21")], null),
            ("thematic-assessment", "Thematic assessment of the sustainable use of wild species", "2018-03-01", "2022-07-03", "IPBES-9/1",
                [("fod-review", "2019-08-27", "2019-10-20"), ("second-author-meeting", "2019-11-18", "2019-11-22"), ("sod-review", "2021-04-15", "2021-06-10")], null),
            ("thematic-assessment", "Thematic assessment of invasive alien species and their control", "2019-01-07", "2023-08-28", "IPBES-10/1",
                [("first-author-meeting", "2019-08-19", "2019-08-23"), ("fod-review", "2020-08-31", "2020-10-18"), ("second-author-meeting", "2020-11-30", "2020-12-07")], null),
            ("scoping", "Scoping of the nexus assessment (biodiversity, water, food and health)", "2019-06-03", "2021-06-14", "IPBES-8/1",
                [("online-consultation", "2019-09-30", "2019-10-02"), ("scoping-meeting", "2020-03-23", "2020-04-03"), ("scoping-report-review", "2020-06-05", "2020-07-31"), ("second-scoping-report-review", "2020-12-18", "2021-02-05")], SecondReview),
            ("scoping", "Scoping of the transformative change assessment", "2019-06-03", "2021-06-14", "IPBES-8/1",
                // The second review ran 2020-12-18..2021-02-05, a day sooner than the 16 weeks the workflow keeps after the
                // first: it is left for the plan to place.
                [("online-consultation", "2019-10-09", "2019-10-11"), ("scoping-meeting", "2020-04-21", "2020-04-30"), ("scoping-report-review", "2020-07-03", "2020-08-28")], SecondReview),
        };

        foreach (var seed in history)
        {
            try
            {
                var created = await SendAsync(services, admin, new CreateAssessment(
                    seed.Workflow, seed.Title, DateOnly.Parse(seed.Start, System.Globalization.CultureInfo.InvariantCulture),
                    seed.Plenary is null ? null : DateOnly.Parse(seed.Plenary, System.Globalization.CultureInfo.InvariantCulture), null, seed.Parameters,
                    seed.Fixed.ToDictionary(f => f.Step, f => new FixedDates(Day(f.Start), Day(f.End)), StringComparer.Ordinal), "Europe/Berlin"), cancellationToken);
                await CatchUpAsync(services, admin, created.Id, today, seed.Decision, cancellationToken);
            }
            catch (Exception e) when (e is Common.ConflictException or Common.ValidationFailedException or Common.NotFoundException)
            {
                logger.LogWarning("Demo: {Title} was not seeded: {Reason}", seed.Title, e.Message);
            }
        }

        var open = await SeedOpenReviewAsync(services, admin, today, cancellationToken);
        await SeedSelectionAsync(services, admin, today, cancellationToken);
        // The demo TSU, author and reviewer work on the assessment whose review is open.
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        await db.RoleAssignments.Where(r => r.AssessmentId == DemoAccounts.DemoAssessment)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.AssessmentId, open), cancellationToken);
        logger.LogWarning("Demo: {Count} assessments seeded; the one in review today is {Title}.", history.Length + 2, OpenReviewTitle);
    }

    private static async Task<Guid> SeedOpenReviewAsync(IServiceProvider services, UserAccount admin, DateOnly today, CancellationToken cancellationToken)
    {
        var created = await SendAsync(services, admin, new CreateAssessment(
            "methodological-assessment", OpenReviewTitle, today.AddDays(-520), null, null, null,
            new Dictionary<string, FixedDates>(StringComparer.Ordinal) { ["fod-review"] = new(today.AddDays(-14), today.AddDays(41)) }, "Europe/Berlin"), cancellationToken);
        // The work before the review is done but for the first-order draft, never marked done: its TSU has a late task.
        await CatchUpAsync(services, admin, created.Id, today.AddDays(-15), "IPBES-12/1", cancellationToken, leaveOpen: "first-order-draft");
        await SendAsync(services, admin, new AdvanceDueSteps(Only: created.Id, Cause: "demo"), cancellationToken);

        string[] chapters = ["1", "2", "3", "4", "5", "SPM"];
        string[] titles = ["Introduction", "Business dependencies and impacts on biodiversity", "Measuring and valuing", "Data and indicators", "Options for business", "Summary for policymakers"];
        await SendAsync(services, admin, new ConfigureReview(created.Id, "fod-review", [.. chapters.Zip(titles, (c, t) => new ChapterInput(c, t))]), cancellationToken);
        await SendAsync(services, admin, new AttachDraft(created.Id, "fod-review", "first-order-draft.pdf", "application/pdf", "%PDF-1.7\n% A stand-in for the first-order draft of the demo assessment.\n"u8.ToArray()), cancellationToken);

        var random = new Random(2019);
        string[] countries = ["KE", "BR", "DE", "IN", "CO", "JP", "ZA", "FR", "NO", "MX", "CN", "EG"];
        var number = 0;
        for (var i = 1; i <= 30; i++)
        {
            // The first-order draft is reviewed by experts (governments come with the second).
            var country = countries[i % countries.Length];
            var reviewer = await ReviewerAsync(services, $"reviewer-{i:00}@{DemoAccounts.Domain}", $"Demo Expert {i:00}", cancellationToken);
            var picked = chapters.Where((_, c) => (c + i) % 3 != 0).ToList();
            await SendAsync(services, reviewer, new RegisterForReview(created.Id, "fod-review", ReviewerType.Expert, picked, AcceptTerms: true, CountryCode: country), cancellationToken);
            var comments = Enumerable.Range(0, 6 + random.Next(10)).Select(_ =>
            {
                var page = 1 + random.Next(120);
                var line = 1 + random.Next(40);
                number++;
                return new CommentInput(picked[random.Next(picked.Count)], page, line, page, line + random.Next(6), $"On {Topics[number % Topics.Length]}: the text on this page should cite the evidence it rests on, and say how confident the authors are.");
            }).ToList();
            await SendAsync(services, reviewer, new SubmitComments(created.Id, "fod-review", comments), cancellationToken);
        }

        return created.Id;
    }

    // A call for nominations that closed ten days ago (Kenya's focal point may still approve for four days), its
    // candidates imported as the secretariat would, and the MEP's selection open with a few decisions taken.
    private static async Task SeedSelectionAsync(IServiceProvider services, UserAccount admin, DateOnly today, CancellationToken cancellationToken)
    {
        var created = await SendAsync(services, admin, new CreateAssessment(
            "methodological-assessment", SelectionTitle, today.AddDays(-60), today.AddYears(3), null, null,
            new Dictionary<string, FixedDates>(StringComparer.Ordinal) { ["call-for-nominations"] = new(today.AddDays(-60), today.AddDays(-11)) }, "Africa/Nairobi"), cancellationToken);
        await SendAsync(services, admin, new AdvanceDueSteps(Only: created.Id, Cause: "demo"), cancellationToken);
        var rows = Candidates.Select((c, i) =>
            $"{c.Name},candidate-{i + 1:00}@{DemoAccounts.Domain},{c.Gender},{c.Country},{c.Country},University ({c.Country}),{c.Disciplines},spatial planning,en,{c.Roles},{c.Chapters},{c.Country},{c.Status},en");
        var csv = string.Join('\n', [string.Join(',', Nominations.ImportNominationsHandler.Headers), .. rows]) + "\n";
        await SendAsync(services, admin, new Nominations.ImportNominations(created.Id, "call-for-nominations", "nominations-received.csv", System.Text.Encoding.UTF8.GetBytes(csv)), cancellationToken);

        var mep = await AccountAsync(services, $"mep@{DemoAccounts.Domain}", cancellationToken);
        var board = await AskAsync(services, mep, new Nominations.GetSelectionBoard(created.Id, "expert-selection"), cancellationToken);
        foreach (var (name, outcome, role, chapter) in new (string, Nominations.SelectionOutcome, AuthorRole?, string?)[]
        {
            ("Fatou Diop", Nominations.SelectionOutcome.Selected, AuthorRole.CoChair, null),
            ("Ingrid Johansen", Nominations.SelectionOutcome.Selected, AuthorRole.CoChair, null),
            ("Ana Souza", Nominations.SelectionOutcome.Selected, AuthorRole.CoordinatingLeadAuthor, "3"),
            ("Katarzyna Nowak", Nominations.SelectionOutcome.Reserve, null, null),
        })
        {
            var candidate = board.Candidates.Single(c => c.FullName == name);
            await SendAsync(services, mep, new Nominations.DecideCandidate(created.Id, "expert-selection", candidate.Id, outcome, role, chapter, "MEP-13, first day"), cancellationToken);
        }
    }

    // Every step that ended before the day given is done: windows and meetings closed and completed, decisions taken
    // (the Plenary's with its decision), as the TSU and the secretariat would have recorded them.
    private static async Task CatchUpAsync(IServiceProvider services, UserAccount admin, Guid assessment, DateOnly until, string decision, CancellationToken cancellationToken, string? leaveOpen = null)
    {
        for (var round = 0; round < 50; round++)
        {
            await SendAsync(services, admin, new AdvanceDueSteps(Only: assessment, Cause: "demo"), cancellationToken);
            var view = await AskAsync(services, admin, new GetAssessment(assessment), cancellationToken);
            var due = view.Steps.Where(s => s.End < until && s.Id != leaveOpen && s.State is StepState.Open or StepState.Closed && s.Actions.Contains("complete", StringComparer.Ordinal)).ToList();
            if (due.Count == 0)
            {
                return;
            }

            foreach (var step in due)
            {
                await SendAsync(services, admin, new ActOnStep(assessment, step.Id, StepAction.Complete, "Done (demo history).",
                    step.Owner == Audience.Plenary ? decision : null, step.Owner == Audience.Plenary ? step.End : null), cancellationToken);
            }
        }
    }

    private static async Task<UserAccount> AccountAsync(IServiceProvider services, string email, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"The demo account {email} is missing.");
    }

    private static async Task<UserAccount> ReviewerAsync(IServiceProvider services, string email, string name, CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var result = await users.CreateAsync(UserAccount.Create(email, name, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow()));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Demo reviewer {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }

        return await AccountAsync(services, email, cancellationToken);
    }

    private static Task<T> SendAsync<T>(IServiceProvider services, UserAccount who, ICommand<T> command, CancellationToken cancellationToken) =>
        AsAsync(services, who, sender => sender.Send(command, cancellationToken), cancellationToken);

    private static Task<T> AskAsync<T>(IServiceProvider services, UserAccount who, IQuery<T> query, CancellationToken cancellationToken) =>
        AsAsync(services, who, sender => sender.Send(query, cancellationToken), cancellationToken);

    // One scope per command, as a request would have, signed in as the person: the same rules apply as on the pages.
    private static async Task<T> AsAsync<T>(IServiceProvider services, UserAccount who, Func<ISender, ValueTask<T>> send, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        var identity = await PrincipalFactory.IdentityAsync(db, who, IdentityConstants.ApplicationScheme, cancellationToken);
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var previous = accessor.HttpContext;
        accessor.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = scope.ServiceProvider };
        try
        {
            return await send(scope.ServiceProvider.GetRequiredService<ISender>());
        }
        finally
        {
            accessor.HttpContext = previous;
        }
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Meetings;
using IpbesFlow.Reports;
using IpbesFlow.Reviews;
using IpbesFlow.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Reports;

/// <summary>The progress report from the records of the seed's values assessment (IPBES/8/2): its first-order draft
/// reviewed from 29 July to 22 September 2019, its second author meeting in Vitoria-Gasteiz in October 2019; and an
/// assessment that had no review in the period, of which the report says nothing about reviews.</summary>
public abstract class ProgressReportTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task The_report_states_the_dates_places_and_counts_in_the_records_and_nothing_the_records_do_not_hold()
    {
        var values = await Database.SendAsync(new CreateAssessment(
            "methodological-assessment", "Methodological assessment of the diverse conceptualization of multiple values of nature", new DateOnly(2018, 3, 1), new DateOnly(2022, 7, 3), null, null,
            new Dictionary<string, FixedDates>(StringComparer.Ordinal)
            {
                ["fod-review"] = new(new DateOnly(2019, 7, 29), new DateOnly(2019, 9, 22)),
                ["second-author-meeting"] = new(new DateOnly(2019, 10, 21), new DateOnly(2019, 10, 25)),
            }));
        var later = await Database.SendAsync(new CreateAssessment("scoping", "Scoping of a later assessment", new DateOnly(2020, 6, 1)));
        Database.Clock.SetUtcNow(new DateTimeOffset(2019, 7, 30, 9, 0, 0, TimeSpan.Zero));
        await Database.SendAsync(new AdvanceDueSteps());
        await Database.SendAsync(new ConfigureReview(values.Id, "fod-review", [new ChapterInput("1", "Introduction"), new ChapterInput("2", "Values")]));
        // The first-order draft is reviewed by experts only (governments come with the second-order draft).
        foreach (var (email, country) in new[] { ("a@example.org", "KE"), ("b@example.org", "BR"), ("c@example.org", "DE"), ("d@example.org", "JP") })
        {
            var user = await Database.SendAsync(new CreateUser(email, email[..1]));
            var expert = TestActor.Person(user.Id, email);
            await Database.SendAsAsync(expert, new RegisterForReview(values.Id, "fod-review", ReviewerType.Expert, ["1", "2"], AcceptTerms: true, CountryCode: country));
            await Database.SendAsAsync(expert, new SubmitComments(values.Id, "fod-review", [new CommentInput("1", 3, 1, null, null, "Cite the source."), new CommentInput("2", 5, 2, null, null, "Define values.")]));
        }

        // A focal point follows the review, not the work programme: the report is not theirs.
        var focal = await Database.SendAsync(new CreateUser("nfp.ke@example.org", "Kenya", null, new RoleScope(Role.NationalFocalPoint, CountryCode: "KE")));
        var government = TestActor.Person(focal.Id, "nfp.ke@example.org", new RoleScope(Role.NationalFocalPoint, CountryCode: "KE"));
        await Database.SendAsync(new ConfigureMeeting(values.Id, "second-author-meeting", MeetingMode.InPerson, "Vitoria-Gasteiz", "ES", "Europa Congress Palace", "Basque Government",
            null, "Europe/Madrid", new DateOnly(2019, 10, 7)));
        Database.Clock.SetUtcNow(new DateTimeOffset(2019, 12, 31, 12, 0, 0, TimeSpan.Zero));
        await Database.SendAsync(new AdvanceDueSteps());

        var report = await Database.SendAsync(new GetProgressReport(new DateOnly(2019, 7, 1), new DateOnly(2019, 12, 31)));
        var text = Database.Services.GetRequiredService<ProgressReportWriter>().Markdown(report);
        var refused = await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(government, new GetProgressReport(new DateOnly(2019, 7, 1))));

        text.ShouldContain("Period covered: 1 July 2019 to 31 December 2019.");
        text.ShouldContain("- External review of the first-order draft ran from 29 July 2019 to 22 September 2019. It received 8 comments from 4 reviewers.");
        text.ShouldContain("- Second author meeting (authors and review editors consider every comment) was held from 21 October 2019 to 25 October 2019 in Vitoria-Gasteiz, ES.");
        text.ShouldContain("It is planned for consideration by the Plenary on 3 July 2022.");
        text.ShouldContain("* Methodological assessment of the diverse conceptualization of multiple values of nature, External review of the first-order draft: comments: 8 (review_comments of the review, counted)");
        text.ShouldNotContain("governments: 0", customMessage: "a count the report does not state is not listed");
        var section = text[text.IndexOf("Scoping of a later assessment", StringComparison.Ordinal)..text.IndexOf("## Overview", StringComparison.Ordinal)];
        section.ShouldNotContain("review", Case.Insensitive, "an assessment with no review yet says nothing about reviews");
        section.ShouldNotContain("Work done in the period");
        text.ShouldContain("| Scoping of a later assessment |");
        report.Assessments.Select(a => a.Title).ShouldBe([values.Title, later.Title], ignoreOrder: true);

        // The page's HTML says the same, encoded, its sentences numbered on through the document.
        var html = Database.Services.GetRequiredService<ProgressReportWriter>().HtmlFragment(report);
        html.ShouldContain("<ol start=\"1\">\n<li>External review of the first-order draft ran from 29 July 2019 to 22 September 2019. It received 8 comments from 4 reviewers.</li>");
        html.ShouldContain("<th scope=\"row\">Scoping of a later assessment</th>");
        html.ShouldContain("<figure class=\"portfolio\"><svg", customMessage: "the portfolio's timeline as a figure");
        html.ShouldContain("<title>Plenary: 2022-07-03</title>");
        html.ShouldContain("<title>External review of the first-order draft: 2019-07-29 to 2019-09-22</title>");

        // The Word document says the same, from the same template: headings as Word headings, numbered paragraphs, a table.
        var docx = Database.Services.GetRequiredService<ProgressReportWriter>().Docx(report, "IPBES/8/INF/2");
        using var stream = new MemoryStream(docx);
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word, TestContext.Current.CancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var paragraphs = word.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().ToList();
        (paragraphs[0].InnerText, paragraphs[1].InnerText).ShouldBe(("IPBES/8/INF/2", report.Generated));
        paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ShouldContain($"1. {values.Title}");
        paragraphs.Select(p => p.InnerText).ShouldContain(t => t.StartsWith("1.\tExternal review of the first-order draft ran from 29 July 2019 to 22 September 2019.", StringComparison.Ordinal));
        word.MainDocumentPart.Document.Body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Single().Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Count().ShouldBe(3, "a header and a row per assessment");
        refused.Message.ShouldContain("secretariat");
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class ProgressReportTests_on_Sqlite(SqliteDatabase database) : ProgressReportTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class ProgressReportTests_on_Postgres(PostgresDatabase database) : ProgressReportTests<PostgresDatabase>(database);

using IpbesFlow.Notifications;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.Tests.Notifications;

public sealed class NotificationTemplateTests
{
    private static readonly string Shipped = Path.Combine(RepositoryPaths.WorkflowsDirectory, "templates");

    [Fact]
    public void Every_shipped_template_is_valid_and_renders_with_every_variable_filled()
    {
        var templates = NotificationTemplates.Load(Shipped);

        templates.Problems.ShouldBeEmpty();
        foreach (var language in new[] { "en", "fr", "es", "ar", "ru", "zh" })
        {
            var rendered = templates.Render("schedule-changed", language, NotificationModel.Sample);
            rendered.Language.ShouldBe(language);
            rendered.Subject.ShouldContain("Sample assessment");
            rendered.Text.ShouldContain("sample reason");
            rendered.Text.ShouldContain("First-order draft review");
            rendered.Text.ShouldContain("2019-07-29..2019-09-22 -> 2019-08-05..2019-09-29");
        }
    }

    [Fact]
    public void Every_shipped_template_exists_in_the_six_un_languages_and_renders_in_each()
    {
        var templates = NotificationTemplates.Load(Shipped);
        var names = Directory.GetFiles(Path.Combine(Shipped, "en"), "*.liquid").Select(Path.GetFileNameWithoutExtension).ToList();

        foreach (var language in new[] { "ar", "zh", "en", "fr", "ru", "es" })
        {
            foreach (var name in names)
            {
                var rendered = templates.Render(name!, language, NotificationModel.Sample);
                rendered.Language.ShouldBe(language, $"{language}/{name}");
                rendered.Text.ShouldContain("Sample Person", customMessage: $"{language}/{name} greets the recipient by name");
                rendered.Subject.ShouldNotBeNullOrWhiteSpace();
            }
        }

        names.Count.ShouldBeGreaterThan(15);
    }

    [Fact]
    public void A_language_without_the_template_gets_English_and_Arabic_is_laid_out_right_to_left()
    {
        var folder = Directory.CreateTempSubdirectory("ipbesflow-templates-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "en"));
        Directory.CreateDirectory(Path.Combine(folder, "ar"));
        File.WriteAllText(Path.Combine(folder, "en", "note.liquid"), "---\nsubject: \"Note: {{ assessment.title }}\"\n---\nDear {{ recipient.name }},\n");
        File.WriteAllText(Path.Combine(folder, "ar", "note.liquid"), "---\nsubject: \"ملاحظة: {{ assessment.title }}\"\n---\nالسيد/السيدة {{ recipient.name }}،\n");
        var templates = NotificationTemplates.Load(folder);

        var french = templates.Render("note", "fr", NotificationModel.Sample);
        var arabic = templates.Render("note", "ar", NotificationModel.Sample);
        var english = templates.Render("note", "en", NotificationModel.Sample);

        (french.Language, french.Subject).ShouldBe(("en", "Note: Sample assessment"));
        arabic.Html.ShouldContain("<html lang=\"ar\" dir=\"rtl\">");
        arabic.Subject.ShouldBe("ملاحظة: Sample assessment");
        english.Html.ShouldContain("<html lang=\"en\" dir=\"ltr\">");
        english.Html.ShouldContain("Dear Sample Person,");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Markup_in_values_is_escaped_in_the_HTML_part()
    {
        var templates = NotificationTemplates.Load(Shipped);
        var model = NotificationModel.Sample with
        {
            Recipient = new("<b>Eve</b>", "eve@example.org", "en"),
            Assessment = new(Guid.Empty.ToString(), "A & B", "scoping"),
            Reason = "<script>alert(1)</script>",
        };

        var rendered = templates.Render("schedule-changed", "en", model);

        rendered.Html.ShouldNotContain("<script>");
        rendered.Html.ShouldContain("&lt;script&gt;");
        rendered.Text.ShouldContain("Dear <b>Eve</b>,", customMessage: "the plain-text part is plain text");
    }

    [Fact]
    public void An_unknown_variable_a_missing_subject_and_bad_syntax_are_reported_with_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("ipbesflow-templates-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "fr"));
            File.WriteAllText(Path.Combine(folder, "fr", "misspelt.liquid"), "---\nsubject: \"{{ assessment.titel }}\"\n---\n{% if meeting.onlin %}x{% endif %}{% for c in changes %}{{ c.form }}{% endfor %}\n");
            File.WriteAllText(Path.Combine(folder, "fr", "no-subject.liquid"), "Bonjour {{ recipient.name }}\n");
            File.WriteAllText(Path.Combine(folder, "fr", "broken.liquid"), "---\nsubject: \"x\"\n---\n{% if %}\n");

            var problems = NotificationTemplates.Load(folder, path => Path.GetRelativePath(folder, path)).Problems;

            problems.ShouldContain(p => p.StartsWith("fr/misspelt.liquid: unknown variable 'assessment.titel'", StringComparison.Ordinal));
            problems.ShouldContain(p => p.StartsWith("fr/misspelt.liquid: unknown variable 'meeting.onlin'", StringComparison.Ordinal));
            problems.ShouldContain(p => p.StartsWith("fr/misspelt.liquid: unknown variable 'c.form'", StringComparison.Ordinal));
            problems.ShouldContain("fr/no-subject.liquid: no subject (begin the file with ---, subject: \"...\", ---)");
            problems.ShouldContain(p => p.StartsWith("fr/broken.liquid: ", StringComparison.Ordinal));
            problems.Count.ShouldBe(5);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Web_addresses_in_the_HTML_part_are_links_people_can_click_and_the_plain_text_stays_plain()
    {
        var templates = NotificationTemplates.Load(Shipped);
        var step = NotificationModel.Sample.Links.Step;

        var rendered = templates.Render("review-opened", "en", NotificationModel.Sample);
        var signIn = templates.Render("sign-in-link", "fr", NotificationModel.Sample);

        rendered.Html.ShouldContain($"<a href=\"{step}\">{step}</a>");
        rendered.Text.ShouldContain(step);
        rendered.Text.ShouldNotContain("<a ");
        signIn.Html.ShouldContain("<a href=\"https://ipbesflow.example.org/sign-in?token=sample\">");
        signIn.Subject.ShouldBe("Votre lien de connexion à IpbesFlow");
    }

    [Fact]
    public void The_variables_templates_may_use_are_read_from_the_model_itself()
    {
        NotificationModel.Variables.ShouldContain("step.time_zone");
        NotificationModel.Variables.ShouldContain("reminder.days_left");
        NotificationModel.Variables.ShouldContain("changes[].from");
        NotificationModel.Variables.ShouldContain("sign_in.expires_at");
        NotificationModel.Variables.ShouldContain("reason");
        NotificationModel.Variables.ShouldAllBe(v => !v.Any(char.IsUpper), "templates write snake_case");
    }
}

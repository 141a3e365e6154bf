using IpbesFlow.Testing;
using IpbesFlow.Workflows;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Workflows;

public sealed class ShippedWorkflowTests
{
    public static TheoryData<string> Files => new(Directory.GetFiles(RepositoryPaths.WorkflowsDirectory, "*.yaml").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_file_in_workflows_loads_and_validates(string file)
    {
        var result = WorkflowLoader.LoadFile(Path.Combine(RepositoryPaths.WorkflowsDirectory, file));

        result.Errors.Select(e => e.ToString()).ShouldBeEmpty();
        result.Definition.ShouldNotBeNull().Id.ShouldBe(Path.GetFileNameWithoutExtension(file), "a file is named after the workflow it defines");
    }

    [Fact]
    public void The_templates_the_issue_asks_for_are_there()
    {
        var (catalog, errors, _) = WorkflowCatalog.Load([RepositoryPaths.WorkflowsDirectory]);

        errors.ShouldBeEmpty();
        catalog.All.Select(d => d.Id).ShouldBe(["methodological-assessment", "scoping", "single-review-deliverable", "thematic-assessment"]);
        catalog.All.Select(d => d.Kind).ShouldBe([DeliverableKind.Methodological, DeliverableKind.Scoping, DeliverableKind.Deliverable, DeliverableKind.Thematic]);
    }

    [Fact]
    public void Every_template_a_definition_names_exists_and_every_template_file_is_used()
    {
        var (catalog, _, _) = WorkflowCatalog.Load([RepositoryPaths.WorkflowsDirectory]);
        var named = catalog.All.SelectMany(d => d.Steps).SelectMany(s => s.Notify.Values).ToHashSet(StringComparer.Ordinal);
        named.Add(IpbesFlow.Assessments.Events.ScheduleChanged.Event); // sent by the engine itself, whatever the definition
        named.Add(IpbesFlow.Notifications.RegistrationPayload.Event); // sent to whoever registers for any review
        named.Add(IpbesFlow.Notifications.Recipes.ClosedRecipe.CommentsReady); // sent to the authors when a review with comments closes
        named.Add(IpbesFlow.Notifications.Recipes.SetUpDueRecipe.Template); // sent to the TSU before a review it has not set up opens
        named.Add(IpbesFlow.Identity.PendingSignInLink.Template); // a sign-in link, in the language of whoever asked
        named.Add(IpbesFlow.Notifications.NominationPayload.Received); // sent to a nominating body a candidate names
        named.Add(IpbesFlow.Notifications.DisclosureReminderPayload.Event); // sent to selected experts who have not disclosed
        named.Add(IpbesFlow.Notifications.MeetingReplyReminderPayload.Event); // sent to a meeting's participants who have not replied
        named.UnionWith(IpbesFlow.Notifications.Recipes.SelectionOutcomesRecipe.Templates); // each candidate's result, each body's nominees'
        IpbesFlow.Notifications.Recipes.NotificationRecipes.EngineTemplates.ShouldBeSubsetOf(named, "the templates the service refuses to start without");
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.WorkflowsDirectory, "templates", "en"), "*.liquid").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);

        files.ShouldBe(named, ignoreOrder: true);
    }

    [Fact]
    public void A_second_file_with_the_same_id_and_version_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("ipbesflow-wf-").FullName;
        try
        {
            var text = File.ReadAllText(Path.Combine(RepositoryPaths.WorkflowsDirectory, "scoping.yaml"));
            File.WriteAllText(Path.Combine(folder, "a.yaml"), text.Replace("languages: [en]", "languages: []", StringComparison.Ordinal).Replace("languages: []", "languages: [en]", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(folder, "b.yaml"), text);
            CopyTemplates(folder);

            var (catalog, errors, files) = WorkflowCatalog.Load([folder], Path.GetFileName);

            files.ShouldBe(2);
            catalog.All.Count.ShouldBe(1);
            errors.Select(e => e.ToString()).ShouldBe([$"b.yaml:{LineOfId(text)}:1: workflow 'scoping' version 1 is also defined in a.yaml; raise the version"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int LineOfId(string text) => Array.FindIndex(text.Split('\n'), l => l.StartsWith("id:", StringComparison.Ordinal)) + 1;

    private static void CopyTemplates(string folder)
    {
        var source = Path.Combine(RepositoryPaths.WorkflowsDirectory, "templates", "en");
        var target = Directory.CreateDirectory(Path.Combine(folder, "templates", "en")).FullName;
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}

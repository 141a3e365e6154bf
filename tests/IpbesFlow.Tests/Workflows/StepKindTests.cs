using System.Text.Json;
using IpbesFlow.Assessments;
using IpbesFlow.Testing;
using IpbesFlow.Workflows;
using Shouldly;

namespace IpbesFlow.Tests.Workflows;

/// <summary>The kinds the code knows and the kinds the JSON Schema (what editors check workflow files against) lists
/// are the same, with the same rules: adding a kind is its class, its templates and the schema, and this test says when
/// the schema was forgotten.</summary>
public sealed class StepKindTests
{
    private static readonly JsonElement Step = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.WorkflowsDirectory, "schema", "workflow.schema.json")))
        .RootElement.GetProperty("$defs").GetProperty("step");

    private static IEnumerable<string> Names(Func<StepKind, bool> rule) => StepKind.All.Where(rule).Select(k => k.Name).Order(StringComparer.Ordinal);

    // The kinds an "if kind is one of ... then ..." rule of the schema names, for the rule whose "then" says so.
    private static IEnumerable<string> KindsWhere(Func<JsonElement, bool> then)
    {
        var rule = Step.GetProperty("allOf").EnumerateArray().Single(r => then(r.GetProperty("then")));
        var kind = rule.GetProperty("if").GetProperty("properties").GetProperty("kind");
        return kind.TryGetProperty("const", out var one) ? [one.GetString()!]
            : kind.TryGetProperty("enum", out var many) ? many.EnumerateArray().Select(k => k.GetString()!).Order(StringComparer.Ordinal)
            : Names(k => k.Name != kind.GetProperty("not").GetProperty("const").GetString());
    }

    private static bool Requires(JsonElement then, string key) =>
        then.TryGetProperty("required", out var required) && required.EnumerateArray().Any(r => r.GetString() == key);

    private static bool Forbids(JsonElement then, string key) =>
        then.TryGetProperty("not", out var not) && Requires(not, key);

    [Fact]
    public void The_schema_lists_the_kinds_the_code_has_in_the_order_of_the_process()
    {
        var schemaKinds = Step.GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(k => k.GetString()!).ToList();

        schemaKinds.ShouldBe(StepKind.All.Select(k => k.Name).ToList());
        StepKind.All.Select(k => k.GetType()).Distinct().Count().ShouldBe(StepKind.All.Count, "one instance per kind");
        StepKind.Find("review").ShouldBeSameAs(StepKind.Of<ReviewStep>());
    }

    [Fact]
    public void The_schema_asks_of_each_kind_what_the_code_asks_of_it()
    {
        KindsWhere(t => Requires(t, "audience")).ShouldBe(Names(k => k.RequiresAudience));
        KindsWhere(t => Requires(t, "owner")).ShouldBe(Names(k => k.RequiresOwner));
        KindsWhere(t => Requires(t, "documents")).ShouldBe(Names(k => k.RequiresDocuments));
        KindsWhere(t => Forbids(t, "duration")).ShouldBe(Names(k => k.IsInstant));
        KindsWhere(t => Forbids(t, "publish")).ShouldBe(Names(k => !k.MayBePublished));
        Step.GetProperty("properties").GetProperty("notify").GetProperty("propertyNames").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal)
            .ShouldBe(StepKind.All.SelectMany(k => k.Events).Distinct().Order(StringComparer.Ordinal), "the events a definition may name are those some kind has");
    }

    [Fact]
    public void A_kind_says_which_actions_it_ever_allows()
    {
        Names(k => k.Allows(StepAction.Start)).ShouldBe(Names(k => k.IsHuman));
        Names(k => k.Allows(StepAction.Invite)).ShouldBe(["meeting"]);
        Names(k => k.Allows(StepAction.Close)).ShouldBe(["call", "review"]);
        Names(k => !k.Allows(StepAction.Complete)).ShouldBe(["milestone"]);
        StepKind.All.ShouldAllBe(k => k.Allows(StepAction.Skip) && k.Allows(StepAction.Cancel));
        StepKind.All.ShouldAllBe(k => !(k.IsHuman && k.ClosesByItself), "a step either waits for a person or closes by itself");
    }
}

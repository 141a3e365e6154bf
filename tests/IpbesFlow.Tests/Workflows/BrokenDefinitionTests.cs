using IpbesFlow.Workflows;
using Shouldly;

namespace IpbesFlow.Tests.Workflows;

/// <summary>The catalogue of broken definitions: each file has exactly the errors listed, at the positions listed,
/// and yields no definition.</summary>
public sealed class BrokenDefinitionTests
{
    // Templates that exist in this catalogue's imaginary workflows/templates folder.
    private static readonly HashSet<(string, string)> Templates = [("en", "review-opened"), ("fr", "review-opened"), ("en", "review-closed")];

    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "not YAML at all",
            """
            id: broken
            steps: [
            """,
            ["b.yaml:3:1: not valid YAML: While parsing a node, did not find expected node content."]
        },
        {
            "a list instead of a mapping",
            """
            - id: broken
            """,
            ["b.yaml:1:1: a workflow file is a mapping with id, version, title, kind and steps"]
        },
        {
            "required keys missing",
            """
            title: Nothing else
            """,
            [
                "b.yaml:1:1: the workflow has no 'id'",
                "b.yaml:1:1: the workflow has no 'version'",
                "b.yaml:1:1: the workflow has no 'kind'",
                "b.yaml:1:1: the workflow has no 'steps'",
            ]
        },
        {
            "unknown top-level key with a suggestion",
            Valid.Replace("title: Broken", "title: Broken\ndesciption: typo", StringComparison.Ordinal),
            ["b.yaml:4:1: the workflow: unknown key 'desciption' (did you mean 'description'?)"]
        },
        {
            "workflow id not kebab-case",
            Valid.Replace("id: broken", "id: Broken_Workflow", StringComparison.Ordinal),
            ["b.yaml:1:5: workflow id 'Broken_Workflow' must be lower-case words joined by hyphens, e.g. thematic-assessment"]
        },
        {
            "version not a positive whole number",
            Valid.Replace("version: 1", "version: one", StringComparison.Ordinal),
            ["b.yaml:2:10: the workflow: 'version' must be a positive whole number"]
        },
        {
            "unknown deliverable kind",
            Valid.Replace("kind: thematic", "kind: regional", StringComparison.Ordinal),
            ["b.yaml:4:7: the workflow kind: unknown value 'regional'; use scoping, thematic, methodological, deliverable"]
        },
        {
            "language outside the six and English missing",
            Valid.Replace("languages: [en]", "languages: [fr, de]", StringComparison.Ordinal),
            [
                "b.yaml:5:12: languages must include 'en': English is the fallback for every template",
                "b.yaml:5:17: 'de' is not a UN language; use ar, zh, en, fr, ru, es",
                "b.yaml:20:45: step 'fod-review': template 'review-closed' has no 'fr' version (expected templates/fr/review-closed.liquid)",
            ]
        },
        {
            "unknown parameter type",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            parameters:
              - name: weeks
                type: number
            steps:
              - {id: only, kind: milestone, title: Only}
            """,
            ["b.yaml:7:11: parameter 'weeks' type: unknown value 'number'; use date, bool, int, string, enum"]
        },
        {
            "duplicate parameter",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            parameters:
              - {name: flag, type: bool, default: false}
              - {name: flag, type: bool, default: true}
            steps:
              - {id: only, kind: milestone, title: Only}
            """,
            ["b.yaml:7:12: parameter 'flag' is declared twice"]
        },
        {
            "default of the wrong type",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            parameters:
              - {name: flag, type: bool, default: yes}
              - {name: weeks, type: int, default: eight}
              - {name: opens, type: date, default: 2021-02-30}
            steps:
              - {id: only, kind: milestone, title: Only}
            """,
            [
                "b.yaml:6:39: parameter 'flag': default 'yes' is not a bool",
                "b.yaml:7:39: parameter 'weeks': default 'eight' is not a int",
                "b.yaml:8:40: parameter 'opens': default '2021-02-30' is not a date (yyyy-mm-dd)",
            ]
        },
        {
            "int default outside min and max, and min above max",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            parameters:
              - {name: weeks, type: int, default: 9, min: 6, max: 8}
              - {name: days, type: int, min: 9, max: 3, default: 5}
            steps:
              - {id: only, kind: milestone, title: Only}
            """,
            [
                "b.yaml:6:39: parameter 'weeks': default 9 is outside 6..8",
                "b.yaml:7:42: parameter 'days': max 3 is below min 9",
                "b.yaml:7:54: parameter 'days': default 5 is outside 9..3",
            ]
        },
        {
            "enum without values, and a default outside its values",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            parameters:
              - {name: mode, type: enum}
              - {name: by, type: enum, values: [mep, plenary], default: bureau}
            steps:
              - {id: only, kind: milestone, title: Only}
            """,
            [
                "b.yaml:6:12: parameter 'mode' is an enum: list its allowed values under 'values'",
                "b.yaml:7:61: parameter 'by': default 'bureau' is not one of mep, plenary",
            ]
        },
        {
            "reserved parameter name",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            parameters:
              - {name: plenary, type: date}
            steps:
              - {id: only, kind: milestone, title: Only}
            """,
            ["b.yaml:6:12: 'plenary' is reserved: it is the assessment's Plenary date"]
        },
        {
            "no steps",
            Valid[..Valid.IndexOf("steps:", StringComparison.Ordinal)] + "steps: []\n",
            ["b.yaml:6:8: the workflow has no steps"]
        },
        {
            "unknown step kind with a suggestion",
            Valid.Replace("kind: review", "kind: reveiw", StringComparison.Ordinal),
            ["b.yaml:13:11: step 'fod-review': unknown step kind 'reveiw'; use call, selection, meeting, review, approval, task, milestone (did you mean 'review'?)"]
        },
        {
            "unknown step key with a suggestion",
            Valid.Replace("    duration: 8w\n    audience", "    durration: 8w\n    audience", StringComparison.Ordinal),
            [
                "b.yaml:12:9: step 'fod-review': needs a duration (e.g. duration: 8w), or both start and end",
                "b.yaml:16:5: step 'fod-review': unknown key 'durration' (did you mean 'duration'?)",
            ]
        },
        {
            "duplicate step id",
            Valid.Replace("id: close", "id: fod-review", StringComparison.Ordinal).Replace("after: fod-review", "after: meeting", StringComparison.Ordinal),
            ["b.yaml:21:9: step id 'fod-review' is used twice"]
        },
        {
            "step id not kebab-case",
            Valid.Replace("id: meeting", "id: Meeting1_a", StringComparison.Ordinal).Replace("after: meeting", "after: Meeting1_a", StringComparison.Ordinal),
            ["b.yaml:7:9: step id 'Meeting1_a' must be lower-case words joined by hyphens, e.g. fod-review"]
        },
        {
            "after names an unknown step",
            Valid.Replace("after: meeting", "after: meting", StringComparison.Ordinal),
            ["b.yaml:15:12: step 'fod-review' comes after unknown step 'meting' (did you mean 'meeting'?)"]
        },
        {
            "a step after itself",
            Valid.Replace("after: meeting", "after: fod-review", StringComparison.Ordinal),
            ["b.yaml:15:12: step 'fod-review' cannot come after itself"]
        },
        {
            "dependency cycle named in full",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            steps:
              - {id: drafting, kind: task, title: Drafting, owner: authors, duration: 4w, after: revision}
              - {id: review, kind: review, title: Review, audience: experts, documents: [draft], duration: 8w, after: drafting}
              - {id: revision, kind: task, title: Revision, owner: authors, duration: 4w, after: review}
            """,
            ["b.yaml:7:107: dependency cycle: drafting -> revision -> review -> drafting (each step comes after the next one named, so none can start)"]
        },
        {
            "bad durations",
            Valid.Replace("duration: 8w", "duration: 8 weeks", StringComparison.Ordinal).Replace("duration: 5d", "duration: -5d", StringComparison.Ordinal),
            [
                "b.yaml:10:15: step 'meeting': bad duration '-5d': write a whole number of days or weeks (5d, 6w) or an int parameter with a unit (${review_weeks}w)",
                "b.yaml:16:15: step 'fod-review': bad duration '8 weeks': write a whole number of days or weeks (5d, 6w) or an int parameter with a unit (${review_weeks}w)",
            ]
        },
        {
            "duration from an unknown or non-int parameter",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            parameters:
              - {name: flag, type: bool, default: true}
            steps:
              - {id: one, kind: task, title: One, owner: tsu, duration: "${weeks}w"}
              - {id: two, kind: task, title: Two, owner: tsu, duration: "${flag}w", after: one}
            """,
            [
                "b.yaml:8:61: step 'one': the duration uses unknown parameter 'weeks'",
                "b.yaml:9:61: step 'two': the duration needs an int parameter, but 'flag' is bool",
            ]
        },
        {
            "when on an unknown parameter, and a condition that can never hold",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            parameters:
              - {name: approved_by, type: enum, values: [mep, plenary], default: mep}
            steps:
              - {id: one, kind: task, title: One, owner: tsu, duration: 1w, when: additional_review}
              - {id: two, kind: task, title: Two, owner: tsu, duration: 1w, when: approved_by == bureau}
              - {id: three, kind: task, title: Three, owner: tsu, duration: 1w, when: approved_by}
              - {id: four, kind: task, title: Four, owner: tsu, duration: 1w, when: "approved_by = mep"}
            """,
            [
                "b.yaml:8:71: step 'one': when uses unknown parameter 'additional_review'",
                "b.yaml:9:71: step 'two': when 'approved_by == bureau' can never hold: 'bureau' is not one of mep, plenary",
                "b.yaml:10:75: step 'three': when 'approved_by' needs a bool parameter, but 'approved_by' is enum; compare it: approved_by == value",
                "b.yaml:11:73: step 'four': bad when 'approved_by = mep': write 'flag', 'not flag', 'name == value' or 'name != value'",
            ]
        },
        {
            "review without an audience or documents",
            Valid.Replace("    audience: [experts]\n", string.Empty, StringComparison.Ordinal).Replace("    documents: [chapters-fod]\n", string.Empty, StringComparison.Ordinal),
            [
                "b.yaml:13:11: step 'fod-review': a review needs an audience (who is invited to take part), e.g. audience: [experts, governments]",
                "b.yaml:13:11: step 'fod-review': a review needs the documents under review, e.g. documents: [chapters-fod]",
            ]
        },
        {
            "unknown audience with a suggestion",
            Valid.Replace("audience: [experts]", "audience: [experts, goverments]", StringComparison.Ordinal),
            ["b.yaml:17:25: step 'fod-review' audience: unknown value 'goverments'; use experts, governments, stakeholders, authors, review-editors, mep, bureau, tsu, plenary (did you mean 'governments'?)"]
        },
        {
            "human step without an owner",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            steps:
              - {id: selection, kind: selection, title: Selection, duration: 6w}
            """,
            ["b.yaml:6:27: step 'selection': a selection needs an owner (who acts), e.g. owner: mep"]
        },
        {
            "template missing for a declared language",
            Valid.Replace("languages: [en]", "languages: [en, fr]", StringComparison.Ordinal),
            ["b.yaml:20:45: step 'fod-review': template 'review-closed' has no 'fr' version (expected templates/fr/review-closed.liquid)"]
        },
        {
            "notification event the kind does not have",
            Valid.Replace("notify: {opened: review-opened, closed: review-closed}", "notify: {opened: review-opened, invitation: review-closed}", StringComparison.Ordinal),
            ["b.yaml:20:37: step 'fod-review': a review step has no event 'invitation'; its events are opened, reminder, closed"]
        },
        {
            "reminders where they do not belong, and one longer than the window",
            Valid.Replace("    mode: online\n", "    mode: online\n    reminders: [1d]\n", StringComparison.Ordinal).Replace("reminders: [14d, 3d]", "reminders: [9w, 3d]", StringComparison.Ordinal),
            [
                "b.yaml:12:16: step 'meeting': a meeting takes no reminders; reminders belong to calls, reviews and human tasks",
                "b.yaml:20:16: step 'fod-review': reminder 9w before the end would come before the 8w step opens",
            ]
        },
        {
            "milestone with a duration",
            Valid.Replace("    title: Close", "    title: Close\n    duration: 2d", StringComparison.Ordinal),
            ["b.yaml:25:15: step 'close': a milestone is a single day and has no duration"]
        },
        {
            "bad anchor",
            Valid.Replace("    duration: 5d\n", "    start: 2w before christmas day\n    duration: 5d\n", StringComparison.Ordinal),
            ["b.yaml:10:12: step 'meeting': bad start '2w before christmas day': write 'plenary', 'start', a date parameter, or '<duration> before|after <one of those>', e.g. '12w before plenary'"]
        },
        {
            "start, end and duration all set",
            Valid.Replace("    duration: 5d\n", "    start: start\n    end: 4d after start\n    duration: 5d\n", StringComparison.Ordinal),
            ["b.yaml:12:15: step 'meeting': start, end and duration are all set; drop one (two of them decide the third)"]
        },
        {
            "anchor on a parameter that is not a date",
            """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            parameters:
              - {name: weeks, type: int, default: 4}
            steps:
              - {id: one, kind: task, title: One, owner: tsu, duration: 1w, start: 2w after weeks}
              - {id: two, kind: task, title: Two, owner: tsu, duration: 1w, deadline: 2w before opening}
            """,
            [
                "b.yaml:8:72: step 'one': a date needs a date parameter, but 'weeks' is int",
                "b.yaml:9:75: step 'two': a date uses unknown parameter 'opening'",
            ]
        },
        {
            "meeting keys on a review and a list where a value belongs",
            Valid.Replace("    reminders: [14d, 3d]\n", "    reminders: [14d, 3d]\n    place: Bonn\n", StringComparison.Ordinal).Replace("title: Review of the first-order draft", "title: [Review]", StringComparison.Ordinal),
            [
                "b.yaml:14:12: title must be a single value, not a list",
                "b.yaml:20:12: step 'fod-review': mode and place belong to meetings",
            ]
        },
        {
            "nominators' grace on a step that is not a call, organisation share on one that is not a selection",
            Valid.Replace("    duration: 8w\n", "    duration: 8w\n    nominators-grace: 2w\n", StringComparison.Ordinal).Replace("    mode: online\n", "    mode: online\n    organisation-share: 20\n", StringComparison.Ordinal),
            [
                "b.yaml:12:25: step 'meeting': organisation-share belongs to selections (the most of the selected experts nominated by organisations, in percent)",
                "b.yaml:18:23: step 'fod-review': nominators-grace belongs to calls (a call for nominations: how long nominating bodies have after its close)",
            ]
        },
        {
            "a call's grace read from a parameter, and a share over 100 %",
            Valid + """

              - id: call
                kind: call
                title: Call for nominations
                duration: 4w
                audience: [governments]
                nominators-grace: ${grace}w
              - id: selection
                kind: selection
                title: Selection
                after: call
                duration: 4w
                owner: mep
                organisation-share: 150
            """,
            [
                "b.yaml:30:23: step 'call': bad nominators-grace '${grace}w': write a whole number of days or weeks, e.g. 2w (IPBES gives nominators about two weeks)",
                "b.yaml:37:25: step 'selection': organisation-share is a percentage from 0 to 100 (IPBES: at most 20)",
            ]
        },
    };

    // A valid file; most cases change one line of it.
    private const string Valid = """
        id: broken
        version: 1
        title: Broken
        kind: thematic
        languages: [en]
        steps:
          - id: meeting
            kind: meeting
            title: Author meeting
            duration: 5d
            mode: online
          - id: fod-review
            kind: review
            title: Review of the first-order draft
            after: meeting
            duration: 8w
            audience: [experts]
            documents: [chapters-fod]
            reminders: [14d, 3d]
            notify: {opened: review-opened, closed: review-closed}
          - id: close
            after: fod-review
            kind: milestone
            title: Close
        """;

    [Fact]
    public void The_valid_base_of_the_catalogue_is_valid() =>
        Load(Valid).Errors.ShouldBeEmpty();

    [Fact]
    public void The_catalogue_has_at_least_25_broken_definitions() =>
        Cases.Count.ShouldBeGreaterThanOrEqualTo(25);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_error_is_reported_at_its_position(string mistake, string yaml, string[] expected)
    {
        var result = Load(yaml);

        result.Errors.Select(e => e.ToString()).ShouldBe(expected, customMessage: mistake);
        result.Definition.ShouldBeNull();
    }

    private static WorkflowLoadResult Load(string yaml) =>
        WorkflowLoader.Parse(yaml, "b.yaml", (language, template) => Templates.Contains((language, template)));
}

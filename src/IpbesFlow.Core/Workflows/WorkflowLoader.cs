using System.Globalization;
using System.Text.RegularExpressions;
using IpbesFlow.People;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IpbesFlow.Workflows;

public sealed record WorkflowLoadResult(WorkflowDefinition? Definition, IReadOnlyList<WorkflowError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;
}

/// <summary>Reads a workflow file and reports every mistake in it at once, each with its line and column.
/// Nothing is half-accepted: a file with any error yields no definition.</summary>
public static partial class WorkflowLoader
{
    /// <summary>Notification templates live beside the definitions: <c>templates/&lt;language&gt;/&lt;name&gt;.liquid</c>.</summary>
    public static string TemplatePath(string templatesDirectory, string language, string template) =>
        Path.Combine(templatesDirectory, language, template + ".liquid");

    public static WorkflowLoadResult LoadFile(string path, string? displayPath = null)
    {
        var templates = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "templates");
        return Parse(File.ReadAllText(path), displayPath ?? path, (language, name) => File.Exists(TemplatePath(templates, language, name)));
    }

    /// <param name="yaml">The file's text.</param>
    /// <param name="file">The name errors are reported under.</param>
    /// <param name="templateExists">Whether a template exists in a language; the loader itself touches no files.</param>
    public static WorkflowLoadResult Parse(string yaml, string file, Func<string, string, bool> templateExists)
    {
        var reader = new Reader(file);
        YamlNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0)
            {
                return new WorkflowLoadResult(null, [new WorkflowError(file, new SourceLocation(1, 1), "the file is empty: a workflow needs id, version, title, kind and steps")]);
            }

            root = stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
            return new WorkflowLoadResult(null, [new WorkflowError(file, new SourceLocation((int)e.Start.Line, (int)e.Start.Column), "not valid YAML: " + message)]);
        }

        var definition = reader.Read(root, templateExists);
        return new WorkflowLoadResult(reader.Errors.Count == 0 ? definition : null, reader.Errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ToList());
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex KebabCase();

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SnakeCase();

    private sealed record Located(string Text, YamlNode Node);

    private sealed class StepDraft
    {
        public required StepDefinition Step { get; init; }

        public required YamlNode IdNode { get; init; }

        public List<(string Id, YamlNode Node)> After { get; } = [];

        public List<(string Parameter, YamlNode Node, string Use)> ParameterUses { get; } = [];

        public List<(string Template, YamlNode Node)> Templates { get; } = [];
    }

    private sealed class Reader(string file)
    {
        private static readonly string[] TopKeys = ["id", "version", "title", "kind", "description", "languages", "parameters", "steps"];
        private static readonly string[] ParameterKeys = ["name", "type", "description", "default", "min", "max", "values"];
        private static readonly string[] StepKeys =
            ["id", "kind", "title", "description", "after", "lag", "duration", "start", "end", "deadline", "when", "audience", "documents", "reminders", "notify", "owner", "mode", "place", "publish", "nominators-grace", "organisation-share"];

        public List<WorkflowError> Errors { get; } = [];

        // Ids of every step written, even broken ones: a reference to a broken step is not also "unknown".
        private readonly HashSet<string> declaredIds = new(StringComparer.Ordinal);

        public WorkflowDefinition? Read(YamlNode root, Func<string, string, bool> templateExists)
        {
            if (root is not YamlMappingNode top)
            {
                Error(root, "a workflow file is a mapping with id, version, title, kind and steps");
                return null;
            }

            CheckKeys(top, TopKeys, "the workflow");
            var id = Text(top, "id", required: true, "the workflow");
            if (id is not null && !KebabCase().IsMatch(id.Text))
            {
                Error(id.Node, $"workflow id '{id.Text}' must be lower-case words joined by hyphens, e.g. thematic-assessment");
            }

            var version = Integer(top, "version", "the workflow");
            var title = Text(top, "title", required: true, "the workflow");
            var kind = EnumValue<DeliverableKind>(top, "kind", required: true, "the workflow");
            var description = Text(top, "description", required: false, "the workflow");
            var languages = ReadLanguages(top);
            var parameters = ReadParameters(top);
            var drafts = ReadSteps(top, parameters);

            CheckReferences(drafts, parameters, languages, templateExists);
            if (id is null || version is null || title is null || kind is null)
            {
                return null;
            }

            return new WorkflowDefinition
            {
                Id = id.Text,
                Version = version.Value,
                Title = title.Text,
                Kind = kind.Value,
                Description = description?.Text,
                Languages = languages,
                Parameters = parameters.Select(p => p.Definition).ToList(),
                Steps = drafts.Select(d => d.Step).ToList(),
                SourceFile = file,
            };
        }

        private List<string> ReadLanguages(YamlMappingNode top)
        {
            if (Child(top, "languages") is not { } node)
            {
                return [UnLanguages.English];
            }

            var languages = new List<string>();
            foreach (var item in Sequence(node, "languages"))
            {
                if (Scalar(item, "a language") is not { } code)
                {
                    continue;
                }

                if (!UnLanguages.IsSupported(code))
                {
                    Error(item, $"'{code}' is not a UN language; use {string.Join(", ", UnLanguages.All)}");
                }
                else if (languages.Contains(code, StringComparer.Ordinal))
                {
                    Error(item, $"language '{code}' is listed twice");
                }
                else
                {
                    languages.Add(code);
                }
            }

            if (!languages.Contains(UnLanguages.English, StringComparer.Ordinal))
            {
                Error(node, "languages must include 'en': English is the fallback for every template");
            }

            return languages;
        }

        private List<(ParameterDefinition Definition, YamlNode Node)> ReadParameters(YamlMappingNode top)
        {
            var parameters = new List<(ParameterDefinition Definition, YamlNode Node)>();
            if (Child(top, "parameters") is not { } node)
            {
                return parameters;
            }

            foreach (var item in Sequence(node, "parameters"))
            {
                if (Mapping(item, "a parameter") is { } map && ReadParameter(map, parameters) is { } parameter)
                {
                    parameters.Add(parameter);
                }
            }

            return parameters;
        }

        private (ParameterDefinition Definition, YamlNode Node)? ReadParameter(YamlMappingNode map, List<(ParameterDefinition Definition, YamlNode Node)> earlier)
        {
            var name = Text(map, "name", required: true, "a parameter");
            var context = name is null ? "a parameter" : $"parameter '{name.Text}'";
            CheckKeys(map, ParameterKeys, context);
            var type = EnumValue<ParameterType>(map, "type", required: true, context);
            var min = Integer(map, "min", context, required: false);
            var max = Integer(map, "max", context, required: false);
            if (name is null || type is null)
            {
                return null;
            }

            CheckParameterName(name, earlier);
            if ((min is not null || max is not null) && type != ParameterType.Int)
            {
                Error(Child(map, min is not null ? "min" : "max")!, $"{context}: min and max apply to int parameters only");
            }

            if (min is not null && max is not null && min > max)
            {
                Error(Child(map, "max")!, $"{context}: max {max} is below min {min}");
            }

            var values = ReadEnumValues(map, type.Value, context);
            if (type == ParameterType.Enum && values.Count == 0)
            {
                Error(name.Node, $"{context} is an enum: list its allowed values under 'values'");
            }

            var definition = new ParameterDefinition { Name = name.Text, Type = type.Value, Min = min, Max = max, Values = values, Description = Text(map, "description", required: false, context)?.Text };
            object? defaultValue = null;
            if (Child(map, "default") is { } defaultNode && Scalar(defaultNode, "a default") is { } defaultText)
            {
                defaultValue = definition.Parse(defaultText, out var problem);
                if (defaultValue is null)
                {
                    Error(defaultNode, $"{context}: default {problem}");
                }
            }

            return (definition with { Default = defaultValue }, name.Node);
        }

        private void CheckParameterName(Located name, List<(ParameterDefinition Definition, YamlNode Node)> earlier)
        {
            if (!SnakeCase().IsMatch(name.Text))
            {
                Error(name.Node, $"parameter name '{name.Text}' must be lower-case letters, digits and underscores, e.g. additional_spm_review");
            }
            else if (name.Text is Anchor.Start or Anchor.Plenary)
            {
                Error(name.Node, $"'{name.Text}' is reserved: it is the assessment's {(name.Text == Anchor.Start ? "start date" : "Plenary date")}");
            }
            else if (earlier.Any(p => p.Definition.Name == name.Text))
            {
                Error(name.Node, $"parameter '{name.Text}' is declared twice");
            }
        }

        private List<string> ReadEnumValues(YamlMappingNode map, ParameterType type, string context)
        {
            var values = new List<string>();
            if (Child(map, "values") is not { } valuesNode)
            {
                return values;
            }

            foreach (var v in Sequence(valuesNode, "values"))
            {
                if (Scalar(v, "an enum value") is { } value)
                {
                    values.Add(value);
                }
            }

            if (type != ParameterType.Enum)
            {
                Error(valuesNode, $"{context}: values apply to enum parameters only");
            }

            return values;
        }

        private List<StepDraft> ReadSteps(YamlMappingNode top, List<(ParameterDefinition Definition, YamlNode Node)> parameters)
        {
            var drafts = new List<StepDraft>();
            if (Child(top, "steps") is not { } node)
            {
                Error(top, "the workflow has no 'steps'");
                return drafts;
            }

            var items = Sequence(node, "steps").ToList();
            if (items.Count == 0 && node is YamlSequenceNode)
            {
                Error(node, "the workflow has no steps");
            }

            foreach (var item in items)
            {
                if (ReadStep(item) is { } draft)
                {
                    if (drafts.Any(d => d.Step.Id == draft.Step.Id))
                    {
                        Error(draft.IdNode, $"step id '{draft.Step.Id}' is used twice");
                        continue;
                    }

                    drafts.Add(draft);
                }
            }

            return drafts;
        }

        private StepDraft? ReadStep(YamlNode item)
        {
            if (Mapping(item, "a step") is not { } map)
            {
                return null;
            }

            if (ReadStepHeader(map) is not var (id, kind, title, context))
            {
                return null;
            }

            var uses = new List<(string, YamlNode, string)>();
            var lag = DurationOf(map, "lag", context, uses);
            var duration = DurationOf(map, "duration", context, uses);
            var start = AnchorOf(map, "start", context, uses);
            var end = AnchorOf(map, "end", context, uses);
            var deadline = AnchorOf(map, "deadline", context, uses);
            var when = ConditionOf(map, context, uses);
            var audience = AudienceList(map, "audience", context);
            var owner = Child(map, "owner") is { } ownerNode ? ParseEnum<Audience>(ownerNode, context + " owner") : null;
            var mode = Child(map, "mode") is { } modeNode ? ParseEnum<MeetingMode>(modeNode, context + " mode") : null;
            var place = Text(map, "place", required: false, context);
            var publish = Child(map, "publish") is { } publishNode && Flag(publishNode, context + " publish");
            var documents = Child(map, "documents") is { } documentsNode ? Sequence(documentsNode, "documents").Select(d => Scalar(d, "a document")).OfType<string>().ToList() : [];
            var reminders = ReadReminders(map, context, uses);
            var grace = NominatorsGrace(map, context);
            var organisationShare = Child(map, "organisation-share") is not null ? Integer(map, "organisation-share", context, required: false) : null;
            var after = ReadAfter(map);
            var (notify, templates) = ReadNotify(map, kind, context);

            var step = new StepDefinition
            {
                Id = id.Text,
                Kind = kind,
                Title = title?.Text ?? string.Empty,
                Description = Text(map, "description", required: false, context)?.Text,
                After = after.Select(a => a.Id).ToList(),
                Lag = lag ?? DurationSpec.Zero,
                Duration = kind.IsInstant ? DurationSpec.Zero : duration,
                Start = start,
                End = end,
                Deadline = deadline,
                When = when,
                Audience = audience,
                Documents = documents,
                Reminders = reminders,
                Notify = notify,
                Owner = owner,
                Mode = mode,
                Place = place?.Text,
                Publish = publish,
                NominatorsGrace = grace,
                OrganisationShare = organisationShare,
                Location = Location(id.Node),
            };
            CheckKindRules(map, step, kind, context);

            var draft = new StepDraft { IdNode = id.Node, Step = step };
            draft.After.AddRange(after);
            draft.ParameterUses.AddRange(uses);
            draft.Templates.AddRange(templates);
            return draft;
        }

        // The id, kind and title every step needs, checked first: without an id and a known kind nothing else of the step
        // can be read.
        private (Located Id, StepKind Kind, Located? Title, string Context)? ReadStepHeader(YamlMappingNode map)
        {
            var id = Text(map, "id", required: true, "a step");
            if (id is not null)
            {
                declaredIds.Add(id.Text);
            }

            var context = id is null ? "a step" : $"step '{id.Text}'";
            CheckKeys(map, StepKeys, context);
            var kindText = Text(map, "kind", required: true, context);
            var kind = kindText is null ? null : StepKind.Find(kindText.Text);
            if (kindText is not null && kind is null)
            {
                Error(kindText.Node, $"{context}: unknown step kind '{kindText.Text}'; use {string.Join(", ", StepKind.All.Select(k => k.Name))}{Suggest(kindText.Text, StepKind.All.Select(k => k.Name))}");
            }

            if (id is not null && !KebabCase().IsMatch(id.Text))
            {
                Error(id.Node, $"step id '{id.Text}' must be lower-case words joined by hyphens, e.g. fod-review");
            }

            var title = Text(map, "title", required: true, context);
            return id is null || kind is null ? null : (id, kind, title, context);
        }

        private List<DurationSpec> ReadReminders(YamlMappingNode map, string context, List<(string, YamlNode, string)> uses)
        {
            var reminders = new List<DurationSpec>();
            if (Child(map, "reminders") is not { } remindersNode)
            {
                return reminders;
            }

            foreach (var r in Sequence(remindersNode, "reminders"))
            {
                if (Scalar(r, "a reminder") is not { } text)
                {
                    continue;
                }

                if (DurationSpec.TryParse(text) is { } reminder)
                {
                    reminders.Add(reminder);
                    if (reminder.Parameter is not null)
                    {
                        uses.Add((reminder.Parameter, r, "a reminder"));
                    }
                }
                else
                {
                    Error(r, $"{context}: bad reminder '{text}': {DurationSpec.Help}");
                }
            }

            return reminders;
        }

        // A call for nominations says how long its nominating bodies have after its close to approve applications; a
        // literal length, because it is read on every approval (not planned once with the assessment's parameters).
        private DurationSpec? NominatorsGrace(YamlMappingNode map, string context)
        {
            if (Child(map, "nominators-grace") is not { } node || Scalar(node, "nominators-grace") is not { } text)
            {
                return null;
            }

            if (DurationSpec.TryParse(text) is not { Amount: not null } grace)
            {
                Error(node, $"{context}: bad nominators-grace '{text}': write a whole number of days or weeks, e.g. 2w (IPBES gives nominators about two weeks)");
                return null;
            }

            return grace;
        }

        private List<(string Id, YamlNode Node)> ReadAfter(YamlMappingNode map)
        {
            var after = new List<(string Id, YamlNode Node)>();
            if (Child(map, "after") is { } afterNode)
            {
                foreach (var a in afterNode is YamlScalarNode ? [afterNode] : Sequence(afterNode, "after"))
                {
                    if (Scalar(a, "a step id") is { } dependency)
                    {
                        after.Add((dependency, a));
                    }
                }
            }

            return after;
        }

        // The events a step's definition names a template for; an event its kind does not have is an error.
        private (Dictionary<string, string> Notify, List<(string Template, YamlNode Node)> Templates) ReadNotify(YamlMappingNode map, StepKind kind, string context)
        {
            var notify = new Dictionary<string, string>(StringComparer.Ordinal);
            var templates = new List<(string Template, YamlNode Node)>();
            if (Child(map, "notify") is not { } notifyNode || Mapping(notifyNode, "notify") is not { } notifyMap)
            {
                return (notify, templates);
            }

            foreach (var (key, value) in notifyMap.Children)
            {
                var eventName = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!kind.Events.Contains(eventName, StringComparer.Ordinal))
                {
                    Error(key, $"{context}: a {kind.Name} step has no event '{eventName}'; its events are {string.Join(", ", kind.Events)}");
                }
                else if (Scalar(value, "a template name") is { } template)
                {
                    notify[eventName] = template;
                    templates.Add((template, value));
                }
            }

            return (notify, templates);
        }

        private void CheckKindRules(YamlMappingNode map, StepDefinition step, StepKind kind, string context)
        {
            if (kind.RequiresAudience && step.Audience.Count == 0)
            {
                Error(Child(map, "audience") ?? Child(map, "kind")!, $"{context}: a {kind.Name} needs an audience (who is invited to take part), e.g. audience: [experts, governments]");
            }

            if (kind.RequiresOwner && step.Owner is null)
            {
                Error(Child(map, "kind")!, $"{context}: a {kind.Name} needs an owner (who acts), e.g. owner: mep");
            }

            if (kind.IsInstant && Child(map, "duration") is { } durationNode && (step.Duration is null || Child(map, "duration") is YamlScalarNode { Value: not ("0d" or "0w") }))
            {
                Error(durationNode, $"{context}: a milestone is a single day and has no duration");
            }

            if (!kind.TakesReminders && Child(map, "reminders") is { } remindersNode)
            {
                Error(remindersNode, $"{context}: a {kind.Name} takes no reminders; reminders belong to calls, reviews and human tasks");
            }

            if (!kind.TakesDocuments && Child(map, "documents") is { } documentsNode)
            {
                Error(documentsNode, $"{context}: a {kind.Name} has no documents");
            }

            if (!kind.IsMeeting && (Child(map, "mode") ?? Child(map, "place")) is { } meetingNode)
            {
                Error(meetingNode, $"{context}: mode and place belong to meetings");
            }

            if (!kind.MayBePublished && Child(map, "publish") is { } publishNode)
            {
                Error(publishNode, $"{context}: publish belongs to reviews (whether their comments and responses are published after the Plenary)");
            }

            if (!kind.TakesNominations && Child(map, "nominators-grace") is { } graceNode)
            {
                Error(graceNode, $"{context}: nominators-grace belongs to calls (a call for nominations: how long nominating bodies have after its close)");
            }

            if (!kind.SelectsExperts && Child(map, "organisation-share") is { } shareNode)
            {
                Error(shareNode, $"{context}: organisation-share belongs to selections (the most of the selected experts nominated by organisations, in percent)");
            }
            else if (step.OrganisationShare is < 0 or > 100)
            {
                Error(Child(map, "organisation-share")!, $"{context}: organisation-share is a percentage from 0 to 100 (IPBES: at most 20)");
            }

            if (kind.RequiresDocuments && step.Documents.Count == 0)
            {
                Error(Child(map, "kind")!, $"{context}: a review needs the documents under review, e.g. documents: [chapters-fod]");
            }

            var anchored = (step.Start is not null ? 1 : 0) + (step.End is not null ? 1 : 0);
            if (!kind.IsInstant)
            {
                if (anchored == 2 && Child(map, "duration") is { } overNode)
                {
                    Error(overNode, $"{context}: start, end and duration are all set; drop one (two of them decide the third)");
                }
                else if (anchored < 2 && step.Duration is null && Child(map, "duration") is null)
                {
                    Error(Child(map, "id")!, $"{context}: needs a duration (e.g. duration: 8w), or both start and end");
                }
            }
            else if (step.End is not null && step.Start is not null)
            {
                Error(Child(map, "end")!, $"{context}: a milestone has one date: set start or end, not both");
            }

            if (step.Duration is { Amount: { } days } duration && step.Reminders.FirstOrDefault(r => r.Amount is { } before && (r.Unit == 'w' ? before * 7 : before) >= (duration.Unit == 'w' ? days * 7 : days)) is { } tooEarly)
            {
                Error(Child(map, "reminders")!, $"{context}: reminder {tooEarly} before the end would come before the {duration} step opens");
            }
        }

        private void CheckReferences(List<StepDraft> drafts, List<(ParameterDefinition Definition, YamlNode Node)> parameters, List<string> languages, Func<string, string, bool> templateExists)
        {
            foreach (var draft in drafts)
            {
                foreach (var (dependency, node) in draft.After)
                {
                    if (dependency == draft.Step.Id)
                    {
                        Error(node, $"step '{draft.Step.Id}' cannot come after itself");
                    }
                    else if (!declaredIds.Contains(dependency))
                    {
                        Error(node, $"step '{draft.Step.Id}' comes after unknown step '{dependency}'{Suggest(dependency, declaredIds)}");
                    }
                }

                foreach (var (name, node, use) in draft.ParameterUses)
                {
                    var parameter = parameters.Select(p => p.Definition).FirstOrDefault(p => p.Name == name);
                    if (name is Anchor.Start or Anchor.Plenary && use == "a date")
                    {
                        continue;
                    }

                    if (parameter is null)
                    {
                        Error(node, $"step '{draft.Step.Id}': {use} uses unknown parameter '{name}'{Suggest(name, parameters.Select(p => p.Definition.Name))}");
                        continue;
                    }

                    var expected = use switch
                    {
                        "a date" => ParameterType.Date,
                        "when" => parameter.Type,
                        _ => ParameterType.Int,
                    };
                    if (parameter.Type != expected)
                    {
                        Error(node, $"step '{draft.Step.Id}': {use} needs {(expected == ParameterType.Date ? "a date" : "an int")} parameter, but '{name}' is {parameter.Type.ToString().ToLowerInvariant()}");
                    }
                    else if (use == "when")
                    {
                        CheckCondition(draft.Step, parameter, node);
                    }
                }

                foreach (var (template, node) in draft.Templates)
                {
                    foreach (var language in languages.Where(l => !templateExists(l, template)))
                    {
                        Error(node, $"step '{draft.Step.Id}': template '{template}' has no '{language}' version (expected templates/{language}/{template}.liquid)");
                    }
                }
            }

            ReportCycles(drafts);
        }

        private void CheckCondition(StepDefinition step, ParameterDefinition parameter, YamlNode node)
        {
            var condition = step.When!;
            if (condition.Operator is null && parameter.Type != ParameterType.Bool)
            {
                Error(node, $"step '{step.Id}': when '{condition}' needs a bool parameter, but '{parameter.Name}' is {parameter.Type.ToString().ToLowerInvariant()}; compare it: {parameter.Name} == value");
            }
            else if (condition.Operator is not null && parameter.Parse(condition.Value!, out var problem) is null)
            {
                Error(node, $"step '{step.Id}': when '{condition}' can never hold: {problem}");
            }
        }

        private void ReportCycles(List<StepDraft> drafts)
        {
            var byId = drafts.ToDictionary(d => d.Step.Id, StringComparer.Ordinal);
            var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
            var path = new List<string>();
            var reported = new HashSet<string>(StringComparer.Ordinal);

            foreach (var draft in drafts)
            {
                Visit(draft.Step.Id);
            }

            void Visit(string id)
            {
                if (state.GetValueOrDefault(id) == 2)
                {
                    return;
                }

                state[id] = 1;
                path.Add(id);
                foreach (var (dependency, node) in byId[id].After)
                {
                    if (dependency == id || !byId.ContainsKey(dependency))
                    {
                        continue;
                    }

                    if (state.GetValueOrDefault(dependency) == 1)
                    {
                        var cycle = path.Skip(path.IndexOf(dependency)).ToList();
                        var key = string.Join(",", cycle.Order(StringComparer.Ordinal));
                        if (reported.Add(key))
                        {
                            // Written in the direction the reader follows: each step comes after the next one named.
                            Error(node, $"dependency cycle: {string.Join(" -> ", cycle.Append(dependency))} (each step comes after the next one named, so none can start)");
                        }
                    }
                    else
                    {
                        Visit(dependency);
                    }
                }

                path.RemoveAt(path.Count - 1);
                state[id] = 2;
            }
        }

        private DurationSpec? DurationOf(YamlMappingNode map, string key, string context, List<(string, YamlNode, string)> uses)
        {
            if (Child(map, key) is not { } node || Scalar(node, key) is not { } text)
            {
                return null;
            }

            if (DurationSpec.TryParse(text) is not { } duration)
            {
                Error(node, $"{context}: bad {key} '{text}': {DurationSpec.Help}");
                return null;
            }

            if (duration.Parameter is not null)
            {
                uses.Add((duration.Parameter, node, $"the {key}"));
            }

            return duration;
        }

        private Anchor? AnchorOf(YamlMappingNode map, string key, string context, List<(string, YamlNode, string)> uses)
        {
            if (Child(map, key) is not { } node || Scalar(node, key) is not { } text)
            {
                return null;
            }

            if (Anchor.TryParse(text) is not { } anchor)
            {
                Error(node, $"{context}: bad {key} '{text}': {Anchor.Help}");
                return null;
            }

            uses.Add((anchor.Reference, node, "a date"));
            if (anchor.Offset?.Parameter is { } offsetParameter)
            {
                uses.Add((offsetParameter, node, $"the {key} offset"));
            }

            return anchor;
        }

        private Condition? ConditionOf(YamlMappingNode map, string context, List<(string, YamlNode, string)> uses)
        {
            if (Child(map, "when") is not { } node || Scalar(node, "when") is not { } text)
            {
                return null;
            }

            if (Condition.TryParse(text) is not { } condition)
            {
                Error(node, $"{context}: bad when '{text}': {Condition.Help}");
                return null;
            }

            uses.Add((condition.Parameter, node, "when"));
            return condition;
        }

        private List<Audience> AudienceList(YamlMappingNode map, string key, string context)
        {
            var list = new List<Audience>();
            if (Child(map, key) is not { } node)
            {
                return list;
            }

            foreach (var item in node is YamlScalarNode ? [node] : Sequence(node, key))
            {
                if (ParseEnum<Audience>(item, context + " audience") is { } audience && !list.Contains(audience))
                {
                    list.Add(audience);
                }
            }

            return list;
        }

        private T? ParseEnum<T>(YamlNode node, string what)
            where T : struct, Enum
        {
            if (Scalar(node, what) is not { } text)
            {
                return null;
            }

            var names = Enum.GetNames<T>().Select(KebabName).ToList();
            var index = names.IndexOf(text);
            if (index < 0)
            {
                Error(node, $"{what}: unknown value '{text}'; use {string.Join(", ", names)}{Suggest(text, names)}");
                return null;
            }

            return Enum.GetValues<T>()[index];
        }

        private T? EnumValue<T>(YamlMappingNode map, string key, bool required, string context)
            where T : struct, Enum
        {
            if (Child(map, key) is not { } node)
            {
                if (required)
                {
                    Error(map, $"{context} has no '{key}'");
                }

                return null;
            }

            return ParseEnum<T>(node, $"{context} {key}");
        }

        private Located? Text(YamlMappingNode map, string key, bool required, string context)
        {
            if (Child(map, key) is not { } node)
            {
                if (required)
                {
                    Error(map, $"{context} has no '{key}'");
                }

                return null;
            }

            if (Scalar(node, key) is not { } value)
            {
                return null;
            }

            if (required && string.IsNullOrWhiteSpace(value))
            {
                Error(node, $"{context}: '{key}' is empty");
                return null;
            }

            return new Located(value, node);
        }

        private bool Flag(YamlNode node, string what)
        {
            if (Scalar(node, what) is { } text && bool.TryParse(text, out var value))
            {
                return value;
            }

            Error(node, $"{what}: use true or false");
            return false;
        }

        private int? Integer(YamlMappingNode map, string key, string context, bool required = true)
        {
            if (Child(map, key) is not { } node)
            {
                if (required)
                {
                    Error(map, $"{context} has no '{key}'");
                }

                return null;
            }

            if (Scalar(node, key) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && (key != "version" || value > 0))
            {
                return value;
            }

            Error(node, $"{context}: '{key}' must be a {(key == "version" ? "positive " : string.Empty)}whole number");
            return null;
        }

        private string? Scalar(YamlNode node, string what)
        {
            if (node is YamlScalarNode scalar)
            {
                return scalar.Value ?? string.Empty;
            }

            Error(node, $"{what} must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}");
            return null;
        }

        private YamlMappingNode? Mapping(YamlNode node, string what)
        {
            if (node is YamlMappingNode map)
            {
                return map;
            }

            Error(node, $"{what} must be a mapping of keys to values");
            return null;
        }

        private IEnumerable<YamlNode> Sequence(YamlNode node, string what)
        {
            if (node is YamlSequenceNode sequence)
            {
                return sequence.Children;
            }

            Error(node, $"'{what}' must be a list");
            return [];
        }

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        private void CheckKeys(YamlMappingNode map, string[] allowed, string context)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    Error(key, $"{context}: unknown key '{name}'{Suggest(name, allowed)}");
                }
            }
        }

        private void Error(YamlNode node, string message) => Errors.Add(new WorkflowError(file, Location(node), message));

        private static SourceLocation Location(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

        // "ReviewEditors" is written review-editors in files, "InPerson" in-person.
        private static string KebabName(string name) => Regex.Replace(name, "(?<=[a-z])(?<upper>[A-Z])", "-${upper}", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)).ToLowerInvariant();

        private static string Suggest(string text, IEnumerable<string> candidates)
        {
            var best = candidates.Select(c => (c, d: Distance(text, c))).Where(x => x.d <= Math.Max(2, text.Length / 4)).OrderBy(x => x.d).FirstOrDefault();
            return best.c is null ? string.Empty : $" (did you mean '{best.c}'?)";
        }

        private static int Distance(string a, string b)
        {
            var row = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var previous = row[0];
                row[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var current = row[j];
                    row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                    previous = current;
                }
            }

            return row[b.Length];
        }
    }
}

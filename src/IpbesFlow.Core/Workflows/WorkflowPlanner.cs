using System.Globalization;
using IpbesFlow.Common;

namespace IpbesFlow.Workflows;

/// <summary>Turns a definition, parameter values, a start date (and a Plenary date, and dates people fixed) into every
/// step's dates. Pure and deterministic. Constraints that cannot all hold are reported as conflicts naming the steps
/// and the shortfall; the planner never squeezes a step to make them fit.</summary>
public static class WorkflowPlanner
{
    public static Plan Plan(WorkflowDefinition definition, PlanRequest request)
    {
        var parameters = ResolveParameters(definition, request);
        var order = TopologicalOrder(definition);

        var derived = request.Plenary is null;
        var plenary = request.Plenary ?? DerivePlenary(order, request, parameters);
        var (steps, conflicts) = Schedule(order, request, parameters, plenary);

        var byId = steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        return new Plan(definition.Id, definition.Version, request.Start, plenary, derived, parameters, definition.Steps.Select(s => byId[s.Id]).ToList(), conflicts);
    }

    /// <summary>Typed parameter values (defaults filled in); every problem with the request at once, by field.</summary>
    public static IReadOnlyDictionary<string, object> ResolveParameters(WorkflowDefinition definition, PlanRequest request)
    {
        var errors = new List<FieldError>();
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, text) in request.Parameters)
        {
            if (definition.FindParameter(name) is not { } parameter)
            {
                var known = definition.Parameters.Count == 0 ? "it has none" : "it has " + string.Join(", ", definition.Parameters.Select(p => p.Name));
                errors.Add(new FieldError($"parameters.{name}", $"'{definition.Id}' has no parameter '{name}'; {known}."));
            }
            else if (parameter.Parse(text, out var problem) is { } value)
            {
                values[name] = value;
            }
            else
            {
                errors.Add(new FieldError($"parameters.{name}", $"{problem}."));
            }
        }

        foreach (var parameter in definition.Parameters.Where(p => !values.ContainsKey(p.Name) && !request.Parameters.ContainsKey(p.Name)))
        {
            if (parameter.Default is { } value)
            {
                values[parameter.Name] = value;
            }
            else
            {
                errors.Add(new FieldError($"parameters.{parameter.Name}", $"'{parameter.Name}' has no default: give it a value ({parameter.Type.ToString().ToLowerInvariant()})."));
            }
        }

        if (request.Plenary is { } plenary && plenary < request.Start)
        {
            errors.Add(new FieldError("plenary", $"The Plenary ({Day(plenary)}) is before the start ({Day(request.Start)})."));
        }

        foreach (var (id, dates) in request.Fixed)
        {
            if (definition.FindStep(id) is not { } step)
            {
                errors.Add(new FieldError($"fixed.{id}", $"'{definition.Id}' has no step '{id}'."));
            }
            else if (dates.Start is null && dates.End is null)
            {
                errors.Add(new FieldError($"fixed.{id}", "Fix a start, an end, or both."));
            }
            else if (dates is { Start: { } start, End: { } end } && end < start)
            {
                errors.Add(new FieldError($"fixed.{id}.end", $"The end ({Day(end)}) is before the start ({Day(start)})."));
            }
            else if (step.Kind.IsInstant && dates is { Start: { } s, End: { } e } && s != e)
            {
                errors.Add(new FieldError($"fixed.{id}", $"'{id}' is a milestone: it has one date."));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        foreach (var (id, _) in request.Fixed)
        {
            if (definition.FindStep(id)!.When is { } condition && !condition.IsMet(values))
            {
                errors.Add(new FieldError($"fixed.{id}", $"'{id}' is skipped in this plan (when {condition} does not hold), so it has no dates to fix."));
            }
        }

        return errors.Count > 0 ? throw new ValidationFailedException(errors) : values;
    }

    private static List<StepDefinition> TopologicalOrder(WorkflowDefinition definition)
    {
        var index = definition.Steps.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var waiting = definition.Steps.ToDictionary(s => s.Id, s => s.After.Count, StringComparer.Ordinal);
        var ready = new SortedSet<int>(definition.Steps.Where(s => s.After.Count == 0).Select(s => index[s.Id]));
        var order = new List<StepDefinition>(definition.Steps.Count);
        while (ready.Count > 0)
        {
            var step = definition.Steps[ready.Min];
            ready.Remove(ready.Min);
            order.Add(step);
            foreach (var next in definition.Steps.Where(s => s.After.Contains(step.Id, StringComparer.Ordinal)))
            {
                if (--waiting[next.Id] == 0)
                {
                    ready.Add(index[next.Id]);
                }
            }
        }

        return order.Count == definition.Steps.Count
            ? order
            : throw new InvalidOperationException($"'{definition.Id}' has a dependency cycle; load definitions through WorkflowLoader, which refuses them.");
    }

    // The earliest Plenary date that every step anchored to it can accept, given everything before them; null when no
    // step of this plan is anchored to the Plenary (e.g. a deliverable the MEP approves).
    private static DateOnly? DerivePlenary(List<StepDefinition> order, PlanRequest request, IReadOnlyDictionary<string, object> parameters)
    {
        var forward = Walk(order, request, parameters, plenary: null);
        DateOnly? plenary = null;
        foreach (var step in order.Where(s => !forward[s.Id].Skipped))
        {
            var planned = forward[step.Id];
            plenary = Max(plenary, Requirement(step.Start, planned.Earliest));
            plenary = Max(plenary, Requirement(step.End, planned.Earliest.AddDays(Math.Max(planned.Days - 1, 0))));
            plenary = Max(plenary, Requirement(step.Deadline, planned.LastDay));
        }

        return plenary;

        DateOnly? Requirement(Anchor? anchor, DateOnly atLeast) =>
            anchor is { Reference: Anchor.Plenary } a ? atLeast.AddDays(a.Offset is null ? 0 : (a.Before ? 1 : -1) * a.Offset.Days(parameters)) : null;
    }

    private static (List<PlannedStep> Steps, List<PlanConflict> Conflicts) Schedule(
        List<StepDefinition> order, PlanRequest request, IReadOnlyDictionary<string, object> parameters, DateOnly? plenary)
    {
        var placed = Walk(order, request, parameters, plenary);
        var conflicts = new List<PlanConflict>();
        foreach (var step in order.Where(s => !placed[s.Id].Skipped))
        {
            var p = placed[step.Id];
            if (p.Start < p.Earliest)
            {
                var shortfall = p.Earliest.DayNumber - p.Start.DayNumber;
                var cause = p.Binding is null
                    ? $"the assessment starts {Day(request.Start)}"
                    : $"'{p.Binding}' ends {Day(placed[p.Binding].LastDay)}{(step.Lag.Days(parameters) > 0 ? $" and {step.Lag} must pass" : string.Empty)}";
                var pinned = p.Fixed ? "is fixed to start" : "must start";
                conflicts.Add(new PlanConflict(
                    p.Binding is null ? [step.Id] : [step.Id, p.Binding],
                    shortfall,
                    $"'{step.Id}' {pinned} {Day(p.Start)}{Because(step, p.Fixed)}, but {cause}, so it cannot start before {Day(p.Earliest)}: {shortfall} day(s) short."));
            }

            if (step.Deadline is { } deadline && Resolve(deadline, request, parameters, plenary) is { } limit && p.LastDay > limit)
            {
                var shortfall = p.LastDay.DayNumber - limit.DayNumber;
                conflicts.Add(new PlanConflict(
                    p.Binding is null ? [step.Id] : [step.Id, p.Binding],
                    shortfall,
                    $"'{step.Id}' must be done by {Day(limit)} ({deadline}{(deadline.Reference == Anchor.Plenary ? $" {Day(plenary!.Value)}" : string.Empty)}), but it ends {Day(p.LastDay)}{(p.Binding is null ? string.Empty : $" after '{p.Binding}'")}: {shortfall} day(s) late."));
            }
        }

        var steps = order.Select(s =>
        {
            var p = placed[s.Id];
            return new PlannedStep(s.Id, s.Kind, s.Title, s.Audience, p.Start, p.LastDay, p.Days, p.Skipped, p.Fixed);
        }).ToList();
        return (steps, conflicts);
    }

    private static string Because(StepDefinition step, bool isFixed) =>
        isFixed ? string.Empty : step.Start is not null ? $" ({step.Start})" : step.End is not null ? $" to end {step.End}" : string.Empty;

    private sealed record Placement(DateOnly Earliest, DateOnly Start, DateOnly EndExclusive, int Days, bool Instant, bool Skipped, bool Fixed, string? Binding)
    {
        public DateOnly LastDay => Instant || Days == 0 ? Start : EndExclusive.AddDays(-1);
    }

    // One pass in dependency order. With plenary null, anchors on the Plenary are not applied (used to derive it).
    private static Dictionary<string, Placement> Walk(List<StepDefinition> order, PlanRequest request, IReadOnlyDictionary<string, object> parameters, DateOnly? plenary)
    {
        var placed = new Dictionary<string, Placement>(StringComparer.Ordinal);
        foreach (var step in order)
        {
            var latest = step.After.Select(id => (id, placed[id].EndExclusive)).OrderByDescending(d => d.EndExclusive).ThenBy(d => d.id, StringComparer.Ordinal).FirstOrDefault();
            var ready = latest.id is null ? request.Start : latest.EndExclusive;

            // The step that really holds this one back: a skipped step only passes its own dependencies through.
            var binding = latest.id;
            while (binding is not null && placed[binding].Skipped)
            {
                binding = placed[binding].Binding;
            }

            if (step.When is { } condition && !condition.IsMet(parameters))
            {
                // A skipped step passes its dependencies' end straight through to its own dependents.
                placed[step.Id] = new Placement(ready, ready, ready, 0, step.Kind.IsInstant, Skipped: true, Fixed: false, binding);
                continue;
            }

            var earliest = ready.AddDays(step.Lag.Days(parameters));
            var instant = step.Kind.IsInstant;
            var startAnchor = Resolve(step.Start, request, parameters, plenary);
            var endAnchor = Resolve(step.End, request, parameters, plenary);
            var days = step.Duration?.Days(parameters) ?? (startAnchor is { } s0 && endAnchor is { } e0 ? e0.DayNumber - s0.DayNumber + 1 : 0);
            request.Fixed.TryGetValue(step.Id, out var fixedDates);

            DateOnly start;
            if (fixedDates is { Start: { } fs, End: { } fe })
            {
                start = fs;
                days = instant ? 0 : fe.DayNumber - fs.DayNumber + 1;
            }
            else if (fixedDates?.Start is { } fixedStart)
            {
                start = fixedStart;
            }
            else if (fixedDates?.End is { } fixedEnd)
            {
                start = instant ? fixedEnd : fixedEnd.AddDays(1 - days);
            }
            else if (startAnchor is { } anchoredStart)
            {
                start = anchoredStart;
                if (endAnchor is { } anchoredEnd)
                {
                    days = anchoredEnd.DayNumber - anchoredStart.DayNumber + 1;
                }
            }
            else if (endAnchor is { } anchoredEnd)
            {
                start = instant ? anchoredEnd : anchoredEnd.AddDays(1 - days);
            }
            else
            {
                start = earliest;
            }

            placed[step.Id] = new Placement(earliest, start, start.AddDays(days), days, instant, Skipped: false, Fixed: fixedDates is not null, binding);
        }

        return placed;
    }

    private static DateOnly? Resolve(Anchor? anchor, PlanRequest request, IReadOnlyDictionary<string, object> parameters, DateOnly? plenary) => anchor switch
    {
        null => null,
        { Reference: Anchor.Start } => anchor.Resolve(request.Start, parameters),
        { Reference: Anchor.Plenary } => plenary is { } p ? anchor.Resolve(p, parameters) : null,
        _ => anchor.Resolve((DateOnly)parameters[anchor.Reference], parameters),
    };

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

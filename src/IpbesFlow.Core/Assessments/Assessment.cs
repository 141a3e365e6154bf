using System.Text.Json;
using IpbesFlow.Assessments.Events;
using IpbesFlow.Common;
using IpbesFlow.Notifications;
using IpbesFlow.Workflows;

namespace IpbesFlow.Assessments;

/// <summary>One assessment: a durable instance of a pinned workflow definition version, with every step's planned
/// dates and state. Changes go through its methods, which refuse what the process does not allow and raise an event for
/// what happened (<see cref="DomainEvents"/>); the command's transaction journals them and queues what people are to
/// hear, in the same unit of work.</summary>
public sealed class Assessment
{
    private readonly List<AssessmentStep> steps = [];
    private readonly List<AssessmentEvent> events = [];

    private Assessment()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string WorkflowId { get; private set; } = string.Empty;

    public int WorkflowVersion { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly? PlenaryDate { get; private set; }

    /// <summary>Parameter values as people gave them (JSON object of strings): enough to plan again.</summary>
    public string ParametersJson { get; private set; } = "{}";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The IANA time zone the window edges are given in (<see cref="WindowTimeZone"/>); UTC by default.</summary>
    public string TimeZone { get; private set; } = WindowTimeZone.Default;

    /// <summary>The zone itself.</summary>
    public TimeZoneInfo Zone => WindowTimeZone.Find(TimeZone);

    /// <summary>Raised by every change of the plan as a whole (rescheduling, a move to another workflow version); a save
    /// that finds another value was overtaken by a concurrent change. A change to one step (a person's action, a timer's
    /// transition) is guarded by that step's own <see cref="AssessmentStep.Revision"/> instead: two people acting on
    /// different steps of one assessment do not conflict, and a transition writes one row, not two.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<AssessmentStep> Steps => steps;

    /// <summary>What happened since the assessment was loaded, in order, not yet journaled.</summary>
    public IReadOnlyList<AssessmentEvent> DomainEvents => events;

    /// <summary>Once journaled (or when what raised them is dropped), the events are forgotten.</summary>
    public void ClearDomainEvents() => events.Clear();

    /// <summary>Moves every step whose time has come: a pending step opens at <see cref="AssessmentStep.OpensAt"/> (a
    /// milestone is reached); an open call, review or meeting closes at <see cref="AssessmentStep.ClosesAt"/>. Human
    /// steps stay open past their due date (they are then overdue) until a person acts. Running it again changes
    /// nothing: each transition checks the state it expects, so a timer that fires twice, late, or on two nodes is
    /// harmless. Raises (and returns) one event per transition; what was already over when the engine got to it (see
    /// <see cref="CaughtUp"/>) is raised as caught up, for nobody to hear of.</summary>
    public IReadOnlyList<AssessmentEvent> AdvanceTo(DateTimeOffset now, string actor, string? cause = null)
    {
        var raised = events.Count;
        foreach (var step in steps.OrderBy(s => s.Ordinal))
        {
            step.Retrying(now);
            if (step.NoticeSetUpIfDue(now) is { } daysLeft)
            {
                events.Add(new SetUpNoticeDue(Id, step.StepId, actor, now, daysLeft, Because($"opens at {step.OpensAt:O}", cause)));
            }

            var before = step.State;
            var opened = step.OpenIfDue(now, actor);
            var reminderDays = step.RemindIfDue(now);
            var overdue = step.ReportOverdueIfDue(now);
            var closed = step.CloseIfDue(now, actor);
            if (opened == StepState.Completed)
            {
                events.Add(new MilestoneReached(Id, step.StepId, actor, now, before, Because($"due at {step.OpensAt:O}", cause), CaughtUp.IsNews(step.OpensAt, now)));
            }
            else if (opened is not null)
            {
                // A window is news while it is open; a human step while it is not long overdue.
                var news = step.IsHuman ? CaughtUp.IsNews(step.ClosesAt, now) : !closed;
                events.Add(new StepOpened(Id, step.StepId, actor, now, before, step.IsHuman, Because($"due at {step.OpensAt:O}", cause), news));
            }

            if (reminderDays is { } days)
            {
                events.Add(new ReminderDue(Id, step.StepId, actor, now, days, AssessmentStep.WholeDaysUntil(step.ClosesAt!.Value, now), Because($"closes at {step.ClosesAt:O}", cause)));
            }

            if (overdue)
            {
                events.Add(new StepOverdue(Id, step.StepId, actor, now, Because($"due at {step.ClosesAt:O}", cause), CaughtUp.IsNews(step.ClosesAt, now)));
            }

            if (closed)
            {
                events.Add(new StepClosed(Id, step.StepId, actor, now, Because($"closed at {step.ClosesAt:O}", cause), CaughtUp.IsNews(step.ClosesAt, now)));
            }
        }

        return events[raised..];
    }

    /// <summary>A person acts on a step: starts or completes a human step, completes a window once it has closed,
    /// skips a step that has not begun, cancels one, closes a window early or sends a meeting's invitation. The caller
    /// has already been found entitled to act (see <see cref="Identity.StepAuthority"/>). An action the step does not
    /// allow now is refused with what the step is, since when and by whom, so that of two people doing the same thing
    /// the second learns the first did.</summary>
    public AssessmentEvent Act(string stepId, StepAction action, string? note, string actor, DateTimeOffset now, PlenaryDecision? decision = null)
    {
        var step = Step(stepId);
        var said = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var before = step.State;
        var invited = step.IsInvitedAndStanding;
        step.Apply(action, actor, now, decision, Zone);
        AssessmentEvent raised = action switch
        {
            StepAction.Invite => new MeetingInvited(Id, step.StepId, actor, now, step.InvitationSequence!.Value, said),
            StepAction.Start => new StepStarted(Id, step.StepId, actor, now, before, said),
            StepAction.Complete => new StepCompleted(Id, step.StepId, actor, now, before, said, step.IsHuman, step.DecisionReference, step.DecidedOn),
            StepAction.Skip => new StepSkipped(Id, step.StepId, actor, now, before, said),
            StepAction.Cancel => new StepCancelled(Id, step.StepId, actor, now, before, said, invited ? step.InvitationSequence : null),
            StepAction.Close => new StepClosedEarly(Id, step.StepId, actor, now, said),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        events.Add(raised);
        return raised;
    }

    /// <summary>Whether the assessment's final approval is given: every approval step the plan keeps (the Plenary's,
    /// or the MEP's for a deliverable it approves) is completed. What follows from it, such as publishing the review
    /// comments and responses, waits for this and for nothing a person can do earlier.</summary>
    public static bool IsFinallyApproved(IEnumerable<AssessmentStep> steps)
    {
        var approvals = steps.Where(s => s.Kind.IsApproval && s.State is not (StepState.Skipped or StepState.Cancelled)).ToList();
        return approvals.Count > 0 && approvals.TrueForAll(s => s.State == StepState.Completed);
    }

    /// <summary>Gives the assessment a new plan, computed from the definition with the steps that have begun held at
    /// their dates: every step that has not begun takes its new dates; windows that are open may only move their end.
    /// Raises one event per step whose dates changed, with the old and new dates, and, if any did, the schedule change
    /// the people concerned are told of (about <paramref name="movedStepId"/>, the step a person moved).</summary>
    public IReadOnlyList<AssessmentEvent> ApplyPlan(Plan plan, string? movedStepId, string reason, string actor, DateTimeOffset now)
    {
        EnsureNoConflicts(plan, "The new schedule");
        var raised = events.Count;
        foreach (var planned in plan.Steps)
        {
            var step = steps.FirstOrDefault(s => s.StepId == planned.Id);
            if (step?.Replan(planned, now, actor, Zone) is not { } old)
            {
                continue;
            }

            events.Add(Rescheduled(step, old, reason, actor, now));
        }

        PlenaryDate = plan.Plenary;
        if (events.Count > raised)
        {
            Version++;
            AnnounceScheduleChange(movedStepId, reason, raised, actor, now);
        }

        return events[raised..];
    }

    /// <summary>Gives window edges in another time zone: every step that has not begun takes its instants in it, an open
    /// window or human step its close; what has begun keeps its opening. Refused, changing nothing, when an open
    /// window's new close would already have passed.</summary>
    public IReadOnlyList<AssessmentEvent> ChangeTimeZone(string timeZone, string reason, string actor, DateTimeOffset now)
    {
        var name = WindowTimeZone.Name(timeZone);
        if (string.Equals(TimeZone, name, StringComparison.Ordinal))
        {
            return [];
        }

        var zone = WindowTimeZone.Find(name);
        var closing = steps.Where(s => s.State == StepState.Open && s.ClosesByItself && s.ClosesAt is not null && s.CloseIn(zone) <= now).Select(s => s.StepId).ToList();
        if (closing.Count > 0)
        {
            throw new ConflictException($"In {name} the open step(s) {string.Join(", ", closing)} would already have closed; close them first, or choose the zone after they close.", "timeZone");
        }

        var changed = new TimeZoneChanged(Id, actor, now, TimeZone, name, reason);
        events.Add(changed);
        TimeZone = name;
        foreach (var step in steps)
        {
            step.Rezone(zone, now);
        }

        Version++;
        return [changed];
    }

    /// <summary>Dates a new plan must keep: those of every step that has begun (open, closed or done: only an explicit
    /// reschedule moves an open window's close) and those a person fixed.</summary>
    public IReadOnlyDictionary<string, FixedDates> DatesToKeep(string? except = null) =>
        steps.Where(s => s.StepId != except && (s.Fixed || s.HasBegun) && s.State != StepState.Skipped)
            .ToDictionary(s => s.StepId, s => new FixedDates(s.PlannedStart, s.PlannedEnd), StringComparer.Ordinal);

    /// <summary>Moves the assessment to another version of its workflow: steps are matched by id, steps new in that
    /// version are added as planned, and steps it no longer has are removed, provided none of them has begun. Refuses
    /// with the full list otherwise.</summary>
    public IReadOnlyList<AssessmentEvent> MoveTo(WorkflowDefinition definition, Plan plan, string actor, DateTimeOffset now)
    {
        if (definition.Id != WorkflowId)
        {
            throw new ConflictException($"This assessment follows '{WorkflowId}'; it cannot move to '{definition.Id}'.", "version");
        }

        if (definition.Version == WorkflowVersion)
        {
            throw new ConflictException($"This assessment already follows {WorkflowId} v{WorkflowVersion}.", "version");
        }

        var kept = plan.Steps.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var lost = steps.Where(s => !kept.Contains(s.StepId)).ToList();
        // A meeting people were invited to is in progress for them: dropping it, or letting the new plan skip it,
        // would leave it in their calendars. Cancelling it first sends them the cancellation.
        var skipped = plan.Steps.Where(p => p.Skipped).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var inProgress = lost.Where(s => s.HasBegun && s.State is not (StepState.Skipped or StepState.Cancelled))
            .Concat(steps.Where(s => (!kept.Contains(s.StepId) || skipped.Contains(s.StepId)) && !s.HasBegun && s.IsInvitedAndStanding))
            .ToList();
        if (inProgress.Count > 0)
        {
            throw new ConflictException(
                $"{definition.Id} v{definition.Version} has no step for what has begun here: "
                + string.Join("; ", inProgress.Select(s => $"'{s.StepId}' ({Name(s.State)}{(s.IsInvitedAndStanding && !s.HasBegun ? ", invitation sent" : string.Empty)})"))
                + ". Finish or cancel those steps, or keep them in the new version.", "version");
        }

        var changedKinds = steps.Where(s => kept.Contains(s.StepId) && s.HasBegun)
            .Join(plan.Steps, s => s.StepId, p => p.Id, (s, p) => (Step: s, Planned: p), StringComparer.Ordinal)
            .Where(x => x.Step.Kind != x.Planned.Kind)
            .ToList();
        if (changedKinds.Count > 0)
        {
            throw new ConflictException(
                $"{definition.Id} v{definition.Version} changes the kind of steps that have begun: "
                + string.Join("; ", changedKinds.Select(x => $"'{x.Step.StepId}' from {x.Step.Kind} to {x.Planned.Kind}")) + ".", "version");
        }

        EnsureNoConflicts(plan, $"In {definition.Id} v{definition.Version} the schedule", "version");

        var raised = events.Count;
        var why = $"moved to {definition.Id} v{definition.Version}";
        events.Add(new VersionChanged(Id, actor, now, WorkflowVersion, definition.Version));
        foreach (var step in lost)
        {
            steps.Remove(step);
            events.Add(new StepRemoved(Id, step.StepId, actor, now, step.State, $"not in {definition.Id} v{definition.Version}"));
        }

        var owners = definition.Steps.ToDictionary(s => s.Id, s => s.Owner, StringComparer.Ordinal);
        var ordinal = 0;
        foreach (var planned in plan.Steps)
        {
            var step = steps.FirstOrDefault(s => s.StepId == planned.Id);
            if (step is null)
            {
                steps.Add(AssessmentStep.Planned(Id, ordinal, planned, owners.GetValueOrDefault(planned.Id), Zone, ReminderDays(definition, plan, planned.Id)));
                events.Add(new StepAdded(Id, planned.Id, actor, now, Dates(planned.Start, planned.End), $"new in {definition.Id} v{definition.Version}"));
            }
            else
            {
                step.Renumber(ordinal, planned, owners.GetValueOrDefault(planned.Id));
                if (step.Replan(planned, now, actor, Zone) is { } old)
                {
                    events.Add(Rescheduled(step, old, why, actor, now));
                }
            }

            ordinal++;
        }

        WorkflowVersion = definition.Version;
        PlenaryDate = plan.Plenary;
        Version++;
        AnnounceScheduleChange(null, why, raised, actor, now);
        return events[raised..];
    }

    // A step's dates moved: a meeting whose participants hold its invitation is sent the change (the move raised its
    // sequence).
    private static StepRescheduled Rescheduled(AssessmentStep step, (DateOnly Start, DateOnly End) old, string? why, string actor, DateTimeOffset now) =>
        new(step.AssessmentId, step.StepId, actor, now, Dates(old.Start, old.End), Dates(step.PlannedStart, step.PlannedEnd), why,
            step.Kind.IsMeeting && step.IsInvitedAndStanding ? step.InvitationSequence : null);

    // The people whose work moved hear of it once, with every change since event number `from`.
    private void AnnounceScheduleChange(string? stepId, string reason, int from, string actor, DateTimeOffset now)
    {
        var changes = events.Skip(from).Select(e => e switch
        {
            StepRescheduled r => new ScheduleChangePayload.Change(r.StepId, r.From, r.To),
            StepAdded a => new ScheduleChangePayload.Change(a.StepId, null, a.Dates),
            StepRemoved r => new ScheduleChangePayload.Change(r.StepId, r.OldValue, null),
            _ => null,
        }).OfType<ScheduleChangePayload.Change>().ToList();
        if (changes.Count > 0)
        {
            events.Add(new ScheduleChanged(Id, stepId, actor, now, reason, changes));
        }
    }

    internal AssessmentStep Step(string stepId) =>
        steps.FirstOrDefault(s => s.StepId == stepId) ?? throw new NotFoundException("Step", $"{stepId} in assessment {Id}");

    internal static string Name(StepState state) => state.ToString().ToLowerInvariant();

    private static IEnumerable<int> ReminderDays(WorkflowDefinition definition, Plan plan, string stepId) =>
        definition.FindStep(stepId)?.Reminders.Select(r => r.Days(plan.Parameters)) ?? [];

    /// <summary>A plan with conflicts is refused, listing them: dates people cannot meet are fixed first, not stored.</summary>
    private static void EnsureNoConflicts(Plan plan, string which, string? field = null)
    {
        if (plan.Conflicts.Count > 0)
        {
            throw new ConflictException($"{which} has conflicts: " + string.Join(" ", plan.Conflicts.Select(c => c.Message)), field);
        }
    }

    private static string Because(string what, string? cause) => cause is null ? what : $"{what}; {cause}";

    private static string Dates(DateOnly start, DateOnly end) => $"{start:yyyy-MM-dd}..{end:yyyy-MM-dd}";

    public IReadOnlyDictionary<string, string> Parameters =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(ParametersJson) ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A new assessment from a plan without conflicts. A plan with conflicts is refused, listing them: dates
    /// people cannot meet are fixed first, not stored.</summary>
    public static Assessment Create(
        Guid id, string title, WorkflowDefinition definition, Plan plan, IReadOnlyDictionary<string, string> parameters, string actor, DateTimeOffset now, string timeZone = WindowTimeZone.Default)
    {
        EnsureNoConflicts(plan, "The schedule");

        var assessment = new Assessment
        {
            Id = id,
            Title = title.Trim(),
            WorkflowId = definition.Id,
            WorkflowVersion = definition.Version,
            StartDate = plan.Start,
            PlenaryDate = plan.Plenary,
            ParametersJson = JsonSerializer.Serialize(parameters),
            CreatedAt = now,
            Version = 1,
            TimeZone = WindowTimeZone.Name(timeZone),
        };
        var owners = definition.Steps.ToDictionary(s => s.Id, s => s.Owner, StringComparer.Ordinal);
        var ordinal = 0;
        foreach (var step in plan.Steps)
        {
            assessment.steps.Add(AssessmentStep.Planned(id, ordinal++, step, owners.GetValueOrDefault(step.Id), assessment.Zone, ReminderDays(definition, plan, step.Id)));
        }

        assessment.events.Add(new AssessmentCreated(id, actor, now, $"{definition.Id} v{definition.Version}",
            $"{plan.Steps.Count} steps, start {plan.Start:yyyy-MM-dd}" + (plan.Plenary is { } p ? $", Plenary {p:yyyy-MM-dd}" : string.Empty) + $", windows in {assessment.TimeZone}"));
        return assessment;
    }
}

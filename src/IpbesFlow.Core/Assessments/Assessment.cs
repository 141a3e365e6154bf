using System.Text.Json;
using IpbesFlow.Common;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Assessments;

/// <summary>One assessment: a durable instance of a pinned workflow definition version, with every step's planned
/// dates and state, and a journal of what happened. Changes go through its methods, which refuse what the process
/// does not allow and write the journal in the same unit of work.</summary>
public sealed class Assessment
{
    private readonly List<AssessmentStep> steps = [];

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

    /// <summary>Moves every step whose time has come: a pending step opens at <see cref="AssessmentStep.OpensAt"/> (a
    /// milestone is reached); an open call, review or meeting closes at <see cref="AssessmentStep.ClosesAt"/>. Human
    /// steps stay open past their due date (they are then overdue) until a person acts. Running it again changes
    /// nothing: each transition checks the state it expects, so a timer that fires twice, late, or on two nodes is
    /// harmless. Returns one journal entry per transition.</summary>
    public IReadOnlyList<JournalEntry> AdvanceTo(DateTimeOffset now, string actor, string? cause = null)
    {
        var entries = new List<JournalEntry>();
        foreach (var step in steps.OrderBy(s => s.Ordinal))
        {
            step.Retrying(now);
            if (step.NoticeSetUpIfDue(now) is { } daysLeft)
            {
                entries.Add(JournalEntry.Record(Id, actor, "step.setup-notice", step.StepId, null, $"opens in {daysLeft} days, not set up", Because($"opens at {step.OpensAt:O}", cause), now));
            }

            var before = step.State;
            if (step.OpenIfDue(now, actor) is { } opened)
            {
                entries.Add(JournalEntry.Record(Id, actor, opened == StepState.Completed ? "step.reached" : "step.opened", step.StepId, Name(before), Name(opened), Because($"due at {step.OpensAt:O}", cause), now));
            }

            if (step.RemindIfDue(now) is { } reminderDays)
            {
                entries.Add(JournalEntry.Record(Id, actor, "step.reminder", step.StepId, null, $"{reminderDays} days before the close", Because($"closes at {step.ClosesAt:O}", cause), now));
            }

            if (step.ReportOverdueIfDue(now))
            {
                entries.Add(JournalEntry.Record(Id, actor, "step.overdue", step.StepId, null, "overdue", Because($"due at {step.ClosesAt:O}", cause), now));
            }

            if (step.CloseIfDue(now, actor))
            {
                entries.Add(JournalEntry.Record(Id, actor, "step.closed", step.StepId, "open", "closed", Because($"closed at {step.ClosesAt:O}", cause), now));
            }
        }

        return entries;
    }

    /// <summary>A person acts on a step: starts or completes a human step, completes a window once it has closed,
    /// skips a step that has not begun, or cancels one. The caller has already been found entitled to act (see
    /// <see cref="Identity.StepAuthority"/>). An action the step's state does not allow is refused with what the state
    /// is, since when and by whom, so that of two people doing the same thing the second learns the first did.</summary>
    public JournalEntry Act(string stepId, StepAction action, string? note, string actor, DateTimeOffset now, PlenaryDecision? decision = null)
    {
        var step = Step(stepId);
        var details = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (action == StepAction.Invite)
        {
            var sequence = step.Invite();
            return JournalEntry.Record(Id, actor, "step.invite", step.StepId, null, $"invitation sequence {sequence}", details, now);
        }

        var before = step.State;
        step.Apply(action, actor, now, decision, Zone);
        if (action == StepAction.Complete && step.DecisionReference is { } reference)
        {
            details = $"decision {reference} of {step.DecidedOn:yyyy-MM-dd}" + (details is null ? string.Empty : $"; {details}");
        }

        return JournalEntry.Record(Id, actor, "step." + StepActions.Name(action), step.StepId, Name(before), Name(step.State), details, now);
    }

    /// <summary>Whether the assessment's final approval is given: every approval step the plan keeps (the Plenary's,
    /// or the MEP's for a deliverable it approves) is completed. What follows from it, such as publishing the review
    /// comments and responses, waits for this and for nothing a person can do earlier.</summary>
    public static bool IsFinallyApproved(IEnumerable<AssessmentStep> steps)
    {
        var approvals = steps.Where(s => s.Kind == "approval" && s.State is not (StepState.Skipped or StepState.Cancelled)).ToList();
        return approvals.Count > 0 && approvals.TrueForAll(s => s.State == StepState.Completed);
    }

    /// <summary>Gives the assessment a new plan, computed from the definition with the steps that have begun held at
    /// their dates: every step that has not begun takes its new dates; windows that are open may only move their end.
    /// Returns one journal entry per step whose dates changed, with the old and new dates.</summary>
    public IReadOnlyList<JournalEntry> ApplyPlan(Plan plan, string action, string? reason, string actor, DateTimeOffset now)
    {
        if (plan.Conflicts.Count > 0)
        {
            throw new ConflictException("The new schedule has conflicts: " + string.Join(" ", plan.Conflicts.Select(c => c.Message)));
        }

        var entries = new List<JournalEntry>();
        foreach (var planned in plan.Steps)
        {
            var step = steps.FirstOrDefault(s => s.StepId == planned.Id);
            if (step?.Replan(planned, now, actor, Zone) is not { } old)
            {
                continue;
            }

            entries.Add(JournalEntry.Record(Id, actor, action, step.StepId, Dates(old.Start, old.End), Dates(step.PlannedStart, step.PlannedEnd), reason, now));
        }

        PlenaryDate = plan.Plenary;
        if (entries.Count > 0)
        {
            Version++;
        }

        return entries;
    }

    /// <summary>Gives window edges in another time zone: every step that has not begun takes its instants in it, an open
    /// window or human step its close; what has begun keeps its opening. Refused, changing nothing, when an open
    /// window's new close would already have passed.</summary>
    public IReadOnlyList<JournalEntry> ChangeTimeZone(string timeZone, string reason, string actor, DateTimeOffset now)
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

        var entries = new List<JournalEntry> { JournalEntry.Record(Id, actor, "assessment.time-zone", null, TimeZone, name, reason, now) };
        TimeZone = name;
        foreach (var step in steps)
        {
            step.Rezone(zone, now);
        }

        Version++;
        return entries;
    }

    /// <summary>Dates a new plan must keep: those of every step that has begun (open, closed or done: only an explicit
    /// reschedule moves an open window's close) and those a person fixed.</summary>
    public IReadOnlyDictionary<string, FixedDates> DatesToKeep(string? except = null) =>
        steps.Where(s => s.StepId != except && (s.Fixed || s.HasBegun) && s.State != StepState.Skipped)
            .ToDictionary(s => s.StepId, s => new FixedDates(s.PlannedStart, s.PlannedEnd), StringComparer.Ordinal);

    /// <summary>Moves the assessment to another version of its workflow: steps are matched by id, steps new in that
    /// version are added as planned, and steps it no longer has are removed, provided none of them has begun. Refuses
    /// with the full list otherwise.</summary>
    public IReadOnlyList<JournalEntry> MoveTo(WorkflowDefinition definition, Plan plan, string actor, DateTimeOffset now)
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

        if (plan.Conflicts.Count > 0)
        {
            throw new ConflictException($"In {definition.Id} v{definition.Version} the schedule has conflicts: " + string.Join(" ", plan.Conflicts.Select(c => c.Message)), "version");
        }

        var entries = new List<JournalEntry>();
        foreach (var step in lost)
        {
            steps.Remove(step);
            entries.Add(JournalEntry.Record(Id, actor, "step.removed", step.StepId, Name(step.State), null, $"not in {definition.Id} v{definition.Version}", now));
        }

        var owners = definition.Steps.ToDictionary(s => s.Id, s => s.Owner, StringComparer.Ordinal);
        var ordinal = 0;
        foreach (var planned in plan.Steps)
        {
            var step = steps.FirstOrDefault(s => s.StepId == planned.Id);
            if (step is null)
            {
                steps.Add(AssessmentStep.Planned(Id, ordinal, planned, owners.GetValueOrDefault(planned.Id), Zone, ReminderDays(definition, plan, planned.Id)));
                entries.Add(JournalEntry.Record(Id, actor, "step.added", planned.Id, null, Dates(planned.Start, planned.End), $"new in {definition.Id} v{definition.Version}", now));
            }
            else
            {
                step.Renumber(ordinal, planned, owners.GetValueOrDefault(planned.Id));
                if (step.Replan(planned, now, actor, Zone) is { } old)
                {
                    entries.Add(JournalEntry.Record(Id, actor, "step.rescheduled", step.StepId, Dates(old.Start, old.End), Dates(step.PlannedStart, step.PlannedEnd), $"moved to {definition.Id} v{definition.Version}", now));
                }
            }

            ordinal++;
        }

        entries.Insert(0, JournalEntry.Record(Id, actor, "assessment.version-changed", null, $"v{WorkflowVersion}", $"v{definition.Version}", null, now));
        WorkflowVersion = definition.Version;
        PlenaryDate = plan.Plenary;
        Version++;
        return entries;
    }

    /// <summary>The meetings among <paramref name="moved"/> (journal entries of steps whose dates changed) whose
    /// participants were invited: each is to be sent its changed invitation, with the sequence the change raised.</summary>
    public IReadOnlyList<(string StepId, int Sequence)> InvitedMeetingsAmong(IEnumerable<JournalEntry> moved) =>
        moved.Select(e => e.StepId).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(id => steps.FirstOrDefault(s => s.StepId == id))
            .Where(s => s is { Kind: "meeting", IsInvitedAndStanding: true })
            .Select(s => (s!.StepId, s.InvitationSequence!.Value))
            .ToList();

    internal AssessmentStep Step(string stepId) =>
        steps.FirstOrDefault(s => s.StepId == stepId) ?? throw new NotFoundException("Step", $"{stepId} in assessment {Id}");

    internal static string Name(StepState state) => state.ToString().ToLowerInvariant();

    private static IEnumerable<int> ReminderDays(WorkflowDefinition definition, Plan plan, string stepId) =>
        definition.FindStep(stepId)?.Reminders.Select(r => r.Days(plan.Parameters)) ?? [];

    private static string Because(string what, string? cause) => cause is null ? what : $"{what}; {cause}";

    private static string Dates(DateOnly start, DateOnly end) => $"{start:yyyy-MM-dd}..{end:yyyy-MM-dd}";

    public IReadOnlyDictionary<string, string> Parameters =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(ParametersJson) ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A new assessment from a plan without conflicts. A plan with conflicts is refused, listing them: dates
    /// people cannot meet are fixed first, not stored.</summary>
    public static (Assessment Assessment, JournalEntry Created) Create(
        Guid id, string title, WorkflowDefinition definition, Plan plan, IReadOnlyDictionary<string, string> parameters, string actor, DateTimeOffset now, string timeZone = WindowTimeZone.Default)
    {
        if (plan.Conflicts.Count > 0)
        {
            throw new ConflictException("The schedule has conflicts: " + string.Join(" ", plan.Conflicts.Select(c => c.Message)));
        }

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

        var entry = JournalEntry.Record(id, actor, "assessment.created", null, null, $"{definition.Id} v{definition.Version}",
            $"{plan.Steps.Count} steps, start {plan.Start:yyyy-MM-dd}" + (plan.Plenary is { } p ? $", Plenary {p:yyyy-MM-dd}" : string.Empty) + $", windows in {assessment.TimeZone}", now);
        return (assessment, entry);
    }
}

/// <summary>The Plenary's decision approving an assessment, as its report numbers it (<c>IPBES-9/1</c>) and the day
/// it was taken.</summary>
public sealed record PlenaryDecision(string? Reference, DateOnly? Date)
{
    public const int MaxReferenceLength = 20;

    /// <summary>How the Plenary numbers its decisions: session, then decision.</summary>
    public static bool IsWellFormed(string reference) =>
        System.Text.RegularExpressions.Regex.IsMatch(reference.Trim(), @"^IPBES-\d{1,2}/\d{1,3}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));

    internal static IEnumerable<FieldError> Missing(PlenaryDecision? decision)
    {
        if (string.IsNullOrWhiteSpace(decision?.Reference))
        {
            yield return new FieldError("decision", "The Plenary's approval is recorded with its decision, e.g. IPBES-9/1.");
        }

        if (decision?.Date is null)
        {
            yield return new FieldError("decidedOn", "Give the day the Plenary took the decision (yyyy-mm-dd).");
        }
    }
}

/// <summary>Where a step is in its lifecycle: pending -> scheduled -> open -> closed -> completed, or skipped /
/// cancelled. Windows (calls, reviews) and meetings open and close on their stored instants; human steps (selection,
/// approval, task) open on theirs and are completed by a person.</summary>
public enum StepState
{
    /// <summary>Known but without dates (kept for steps whose dates wait on a decision; plans give every step dates).</summary>
    Pending,

    /// <summary>Dated, waiting for its opening instant.</summary>
    Scheduled,
    Open,

    /// <summary>A window or meeting whose end has passed; the TSU completes it once its follow-up is done.</summary>
    Closed,
    Completed,
    Skipped,
    Cancelled,
}

/// <summary>A step of one assessment: its planned days and, for every step that spans time, the instants its window
/// opens and closes (UTC; the close is exclusive: a window ending 2019-09-22 closes at 2019-09-23T00:00Z). Whether a
/// comment is on time is decided against these stored instants, never by whether a timer has fired.</summary>
public sealed class AssessmentStep
{
    private AssessmentStep()
    {
    }

    public Guid AssessmentId { get; private set; }

    public string StepId { get; private set; } = string.Empty;

    public int Ordinal { get; private set; }

    public string Kind { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    /// <summary>Who acts on a human step (from the definition): MEP, authors, TSU, Plenary.</summary>
    public Audience? Owner { get; private set; }

    public StepState State { get; private set; }

    public DateOnly PlannedStart { get; private set; }

    public DateOnly PlannedEnd { get; private set; }

    /// <summary>A person fixed these dates; replanning keeps them.</summary>
    public bool Fixed { get; private set; }

    public DateTimeOffset? OpensAt { get; private set; }

    public DateTimeOffset? ClosesAt { get; private set; }

    /// <summary>When the step actually opened (or a person started it).</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When the step actually closed, was completed, or was cancelled after it began.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The last state change: when and by whom (a person, or <c>engine</c> for the timer path).</summary>
    public DateTimeOffset? ChangedAt { get; private set; }

    public string? ChangedBy { get; private set; }

    /// <summary>Days before the close at which the audience is reminded (from the definition), largest first, e.g. <c>14,3</c>.</summary>
    public string ReminderDays { get; private set; } = string.Empty;

    /// <summary>How many of those reminders are behind us (sent, or passed before the step opened or moved).</summary>
    public int RemindersSent { get; private set; }

    /// <summary>When the next reminder is due, while the step is open; null otherwise.</summary>
    public DateTimeOffset? NextReminderAt { get; private set; }

    /// <summary>Raised each time the step's row is saved changed (by the context, see
    /// <see cref="Persistence.IpbesFlowDbContext"/>): the concurrency token of a change to this step. Of two concurrent
    /// changes to one step the second finds another value and is refused or retried on what the first committed.</summary>
    public int Revision { get; private set; }

    /// <summary><see cref="NextDueAt"/> as last saved (the context refreshes it whenever the step is saved): "what is due
    /// now" is then one range of one index, and a step with nothing left to do is not in that index at all.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>A human step still open after its due end has been reported overdue (once).</summary>
    public bool OverdueNotified { get; private set; }

    /// <summary>For the Plenary's approval: the decision that approved the assessment (e.g. <c>IPBES-9/1</c>), as the
    /// secretariat recorded it.</summary>
    public string? DecisionReference { get; private set; }

    /// <summary>The day the Plenary took that decision.</summary>
    public DateOnly? DecidedOn { get; private set; }

    /// <summary>An approval the Plenary gives: recorded by the secretariat, with its decision.</summary>
    public bool IsPlenaryApproval => Kind == "approval" && Owner == Audience.Plenary;

    /// <summary>For a review: when its TSU finished setting it up (the chapters under review, and a draft to read). A
    /// review opens on its date whether or not it is set up; until it is, the TSU is told ahead of the opening.</summary>
    public DateTimeOffset? SetUpAt { get; private set; }

    /// <summary>How many of the notices before the opening (<see cref="SetUpNoticeDays"/>) are behind us.</summary>
    public int SetUpNoticesSent { get; private set; }

    /// <summary>When the TSU is next told that a review not yet set up opens soon; null once it is set up or has opened.</summary>
    public DateTimeOffset? SetUpNoticeAt { get; private set; }

    /// <summary>How many times in a row advancing this step failed (an error in the data, not a lost race); zero once it
    /// advances.</summary>
    public int AdvanceFailures { get; private set; }

    /// <summary>After a failure, the step is not taken again before this instant (backoff), so one assessment that cannot
    /// be advanced never holds up the others.</summary>
    public DateTimeOffset? RetryAfter { get; private set; }

    /// <summary>What the last failure said.</summary>
    public string? AdvanceError { get; private set; }

    /// <summary>Days before a review opens at which its TSU is told, while it is not set up.</summary>
    public static IReadOnlyList<int> SetUpNoticeDays { get; } = [14, 3];

    public const int MaxAdvanceErrorLength = 500;

    /// <summary>For a meeting whose invitation went out: the iCalendar SEQUENCE of the latest version people were sent
    /// (0 for the invitation, raised by each change of dates and by a cancellation); null before any invitation.</summary>
    public int? InvitationSequence { get; private set; }

    /// <summary>Kinds whose window opens and closes on its instants (usable in queries: <c>WindowKinds.Contains(s.Kind)</c>).</summary>
    public static readonly string[] WindowKinds = ["call", "review", "meeting"];

    /// <summary>Kinds a person completes (usable in queries).</summary>
    public static readonly string[] HumanKinds = ["selection", "approval", "task"];

    public bool ClosesByItself => WindowKinds.Contains(Kind, StringComparer.Ordinal);

    /// <summary>Selection, approval and task steps: a person completes them.</summary>
    public bool IsHuman => HumanKinds.Contains(Kind, StringComparer.Ordinal);

    public bool HasBegun => StartedAt is not null;

    /// <summary>A meeting whose participants hold its invitation in their calendars and have not been sent its
    /// cancellation.</summary>
    public bool IsInvitedAndStanding => InvitationSequence is not null && State is not (StepState.Cancelled or StepState.Skipped);

    public bool HasEnded => EndedAt is not null;

    public bool IsFinished => State is StepState.Completed or StepState.Skipped or StepState.Cancelled;

    /// <summary>When the engine next has something to do with this step, if ever: not before <see cref="RetryAfter"/>
    /// when advancing it has failed.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            DateTimeOffset? due = State switch
            {
                StepState.Pending or StepState.Scheduled => SetUpNoticeAt ?? OpensAt,
                StepState.Open when NextReminderAt is { } reminder => reminder,
                StepState.Open when ClosesByItself => ClosesAt,
                StepState.Open when IsHuman && !OverdueNotified => ClosesAt,
                _ => null,
            };
            return due is { } at && RetryAfter is { } retry && retry > at ? retry : due;
        }
    }

    /// <summary>Advancing the step failed: it is left as it was, and taken again after a backoff that doubles with each
    /// failure in a row (30 s, 1 min, ... at most an hour).</summary>
    internal void Deferred(string error, DateTimeOffset now)
    {
        AdvanceFailures++;
        RetryAfter = now + TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(AdvanceFailures - 1, 7))));
        AdvanceError = error.Length > MaxAdvanceErrorLength ? error[..(MaxAdvanceErrorLength - 1)] + "…" : error;
    }

    /// <summary>Taken again after its backoff: what failed before is behind it if this attempt commits (if it fails
    /// again, the step is reloaded and deferred anew from its stored count).</summary>
    internal void Retrying(DateTimeOffset now)
    {
        if (RetryAfter is { } retry && now >= retry)
        {
            AdvanceFailures = 0;
            RetryAfter = null;
            AdvanceError = null;
        }
    }

    /// <summary>The TSU set the review up: no more notices.</summary>
    internal bool MarkSetUp(DateTimeOffset now)
    {
        if (SetUpAt is not null)
        {
            return false;
        }

        SetUpAt = now;
        SetUpNoticeAt = null;
        return true;
    }

    /// <summary>Tells the TSU, once per notice whose time has come (after downtime, only the latest one passed), that a
    /// review not yet set up opens soon. Returns the whole days left until it opens.</summary>
    internal int? NoticeSetUpIfDue(DateTimeOffset now)
    {
        if (SetUpNoticeAt is not { } due || now < due || OpensAt is not { } opens || State is not (StepState.Pending or StepState.Scheduled))
        {
            return null;
        }

        while (SetUpNoticesSent < SetUpNoticeDays.Count && opens.AddDays(-SetUpNoticeDays[SetUpNoticesSent]) <= now)
        {
            SetUpNoticesSent++;
        }

        SetUpNoticeAt = NextSetUpNotice();
        return now >= opens ? null : (int)Math.Ceiling((opens - now).TotalDays);
    }

    private DateTimeOffset? NextSetUpNotice() =>
        Kind == "review" && SetUpAt is null && State is StepState.Pending or StepState.Scheduled && OpensAt is { } opens && SetUpNoticesSent < SetUpNoticeDays.Count
            ? opens.AddDays(-SetUpNoticeDays[SetUpNoticesSent])
            : null;

    /// <summary>What the context does to a step it is about to save: the stored due instant follows the state, and a
    /// changed row raises its revision.</summary>
    internal void BeforeSave(bool changed)
    {
        DueAt = NextDueAt;
        if (changed)
        {
            Revision++;
        }
    }

    /// <summary>A human step still open at its due instant becomes overdue: reported once (and again only if it is
    /// moved and runs late once more).</summary>
    internal bool ReportOverdueIfDue(DateTimeOffset now)
    {
        if (!IsOverdue(now) || OverdueNotified)
        {
            return false;
        }

        OverdueNotified = true;
        return true;
    }

    private List<int> Reminders =>
        ReminderDays.Length == 0 ? [] : ReminderDays.Split(',').Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>Sends the reminder whose time has come while the step is open: the latest one passed, once (after
    /// downtime, an earlier one that was missed is not sent late as well). Returns its days before the close.</summary>
    internal int? RemindIfDue(DateTimeOffset now)
    {
        if (State != StepState.Open || NextReminderAt is not { } due || now < due || ClosesAt is not { } closes || now >= closes)
        {
            return null;
        }

        var reminders = Reminders;
        int? sent = null;
        while (RemindersSent < reminders.Count && closes.AddDays(-reminders[RemindersSent]) <= now)
        {
            sent = reminders[RemindersSent++];
        }

        NextReminderAt = NextReminder();
        return sent;
    }

    // When an open window's close moves: the reminders still ahead are kept, and of those it moved behind us, the latest
    // is sent now (once), not swallowed. A close moved later puts reminders that lie ahead again back in the queue.
    private void RecountReminders(DateTimeOffset now)
    {
        var passed = ClosesAt is { } closes ? Reminders.Count(d => closes.AddDays(-d) <= now) : Reminders.Count;
        RemindersSent = passed > RemindersSent ? passed - 1 : passed;
        NextReminderAt = NextReminder();
    }

    // Reminders that passed before the step was open count as behind us.
    private void SkipPassedReminders(DateTimeOffset now)
    {
        var reminders = Reminders;
        RemindersSent = ClosesAt is { } closes ? reminders.Count(d => closes.AddDays(-d) <= now) : reminders.Count;
        NextReminderAt = NextReminder();
    }

    private DateTimeOffset? NextReminder()
    {
        var reminders = Reminders;
        return State == StepState.Open && ClosesAt is { } closes && RemindersSent < reminders.Count ? closes.AddDays(-reminders[RemindersSent]) : null;
    }

    /// <summary>A human step that is open past its due end.</summary>
    public bool IsOverdue(DateTimeOffset now) => State == StepState.Open && IsHuman && ClosesAt is { } due && now >= due;

    internal StepState? OpenIfDue(DateTimeOffset now, string actor)
    {
        if (State is not (StepState.Pending or StepState.Scheduled) || OpensAt is not { } opens || now < opens)
        {
            return null;
        }

        var reached = Kind == "milestone";
        Change(reached ? StepState.Completed : StepState.Open, actor, now);
        StartedAt = now;
        if (reached)
        {
            EndedAt = now;
        }

        return State;
    }

    internal bool CloseIfDue(DateTimeOffset now, string actor)
    {
        if (State != StepState.Open || !ClosesByItself || ClosesAt is not { } closes || now < closes)
        {
            return false;
        }

        Change(StepState.Closed, actor, now);
        EndedAt = now;
        return true;
    }

    internal void Apply(StepAction action, string actor, DateTimeOffset now, PlenaryDecision? decision = null, TimeZoneInfo? zone = null)
    {
        if (IsFinished)
        {
            throw Refused($"is already {Assessment.Name(State)}{Since()}");
        }

        if (action == StepAction.Complete && IsPlenaryApproval)
        {
            RecordDecision(decision, now);
        }
        else if (decision is { Reference: not null } or { Date: not null })
        {
            throw new ValidationFailedException("decision", $"Only the Plenary's approval is recorded with a decision; '{StepId}' is not.");
        }

        switch (action)
        {
            case StepAction.Start when !IsHuman:
                throw Refused($"is a {Kind}: it opens at its scheduled time ({OpensAt:yyyy-MM-dd HH:mm}Z). To open it at another time, reschedule it");
            case StepAction.Start when State == StepState.Open:
                throw Refused($"is already open{Since()}");
            case StepAction.Start:
                Change(StepState.Open, actor, now);
                StartedAt = now;
                break;

            case StepAction.Complete when Kind == "milestone":
                throw Refused($"is a milestone: it is reached on its date ({PlannedEnd:yyyy-MM-dd})");
            case StepAction.Complete when IsHuman && State != StepState.Open:
                throw Refused($"has not opened yet (it opens {OpensAt:yyyy-MM-dd HH:mm}Z); it can be completed once it is open. The secretariat may start it early, saying why");
            case StepAction.Complete when IsHuman:
                Change(StepState.Completed, actor, now);
                StartedAt ??= now;
                EndedAt = now;
                break;
            case StepAction.Complete when State == StepState.Open:
                throw Refused($"is open until {ClosesAt:yyyy-MM-dd HH:mm}Z; it can be completed once it has closed");
            case StepAction.Complete when State != StepState.Closed:
                throw Refused($"has not opened yet (it opens {OpensAt:yyyy-MM-dd HH:mm}Z)");
            case StepAction.Complete:
                Change(StepState.Completed, actor, now);
                break;

            case StepAction.Invite:
                throw new InvalidOperationException("Invitations go through Invite().");

            case StepAction.Close when Kind is not ("call" or "review"):
                throw Refused($"is a {Kind}: only a call or a review window is closed early");
            case StepAction.Close when State != StepState.Open:
                throw Refused($"is {Assessment.Name(State)}{Since()}; only an open window can be closed now");
            case StepAction.Close:
                // Its last day is the day it closed on where its edges are given: mail and pages then say when it
                // closed, not when it would have.
                ClosesAt = now;
                PlannedEnd = WindowTimeZone.DayOf(now.AddTicks(-1), zone ?? TimeZoneInfo.Utc) is var last && last > PlannedStart ? last : PlannedStart;
                Change(StepState.Closed, actor, now);
                EndedAt = now;
                break;

            case StepAction.Skip when HasBegun:
                throw Refused($"is {Assessment.Name(State)}{Since()}; only a step that has not begun can be skipped (cancel it instead)");
            case StepAction.Skip:
                Change(StepState.Skipped, actor, now);
                break;

            case StepAction.Cancel:
                Change(StepState.Cancelled, actor, now);
                EndedAt = HasBegun ? EndedAt ?? now : null;
                InvitationSequence++;
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    // Checked before anything changes: a refused decision leaves the step as it was.
    private void RecordDecision(PlenaryDecision? decision, DateTimeOffset now)
    {
        if (decision?.Reference is not { Length: > 0 } reference || decision.Date is not { } day)
        {
            throw new ValidationFailedException([.. PlenaryDecision.Missing(decision)]);
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // Its opening is its planned day, or the day the secretariat started it early (not when the engine, perhaps
        // after downtime, got to it).
        var opened = StartedAt is { } started && started < OpensAt ? DateOnly.FromDateTime(started.UtcDateTime) : PlannedStart;
        if (day > today || day < opened)
        {
            throw new ValidationFailedException("decidedOn", $"The Plenary's decision is dated between the day its approval step opened ({opened:yyyy-MM-dd}) and today ({today:yyyy-MM-dd}).");
        }

        DecisionReference = reference.Trim();
        DecidedOn = day;
    }

    internal int Invite()
    {
        if (Kind != "meeting")
        {
            throw Refused($"is a {Kind}: only meetings have calendar invitations");
        }

        if (IsFinished || State == StepState.Closed)
        {
            throw Refused($"is {Assessment.Name(State)}{Since()}: it is too late to invite people to it");
        }

        if (InvitationSequence is { } sent)
        {
            throw Refused($"has had its invitation sent (sequence {sent}); changes and a cancellation are sent by themselves");
        }

        InvitationSequence = 0;
        return 0;
    }

    /// <summary>Takes a step's dates from a new plan if it has not begun (all of them) or is open (its end only).
    /// Returns the old dates when they changed.</summary>
    internal (DateOnly Start, DateOnly End)? Replan(PlannedStep planned, DateTimeOffset now, string actor, TimeZoneInfo zone)
    {
        var old = (PlannedStart, PlannedEnd);
        if (IsFinished || State == StepState.Closed)
        {
            return null;
        }

        if (State == StepState.Open)
        {
            if (planned.End == PlannedEnd)
            {
                return null;
            }

            PlannedEnd = planned.End;
            ClosesAt = CloseInstant(Kind, planned.End, zone);
            InvitationSequence++;
            RecountReminders(now);
            OverdueNotified = false;
            return old;
        }

        if (planned.Skipped)
        {
            Change(StepState.Skipped, actor, now);
            OpensAt = null;
            ClosesAt = null;
            return null;
        }

        if (planned.Start == PlannedStart && planned.End == PlannedEnd && OpensAt is not null)
        {
            return null;
        }

        PlannedStart = planned.Start;
        PlannedEnd = planned.End;
        OpensAt = WindowTimeZone.StartOf(planned.Start, zone);
        ClosesAt = CloseInstant(planned.Kind, planned.End, zone);
        Fixed = planned.Fixed;
        InvitationSequence++;
        SetUpNoticeAt = NextSetUpNotice();
        return old;
    }

    /// <summary>The dates to fix for this step when a person moves it. A step that has begun keeps its start; one
    /// that has ended, or a window whose new close has already passed, cannot move.</summary>
    internal FixedDates Moved(DateOnly? start, DateOnly? end, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (IsFinished || State == StepState.Closed)
        {
            throw Refused($"is {Assessment.Name(State)}{Since()}: its dates are history and cannot move");
        }

        if (HasBegun && start is { } s && s != PlannedStart)
        {
            throw Refused($"began on {PlannedStart:yyyy-MM-dd}; only its end can move");
        }

        if (HasBegun && end is { } e && CloseInstant(Kind, e, zone) <= now)
        {
            throw new ConflictException($"Step '{StepId}' is open: its new end ({e:yyyy-MM-dd}) must be today or later.", "end");
        }

        return HasBegun ? new FixedDates(PlannedStart, end ?? PlannedEnd) : new FixedDates(start, end);
    }

    internal void Renumber(int ordinal, PlannedStep planned, Audience? owner)
    {
        Ordinal = ordinal;
        Kind = planned.Kind;
        Title = planned.Title;
        Owner = owner;
    }

    internal static AssessmentStep Planned(Guid assessmentId, int ordinal, PlannedStep planned, Audience? owner, TimeZoneInfo zone, IEnumerable<int>? reminderDays = null)
    {
        var step = Create(assessmentId, ordinal, planned, owner, zone, reminderDays);
        step.SetUpNoticeAt = step.NextSetUpNotice();
        return step;
    }

    private static AssessmentStep Create(Guid assessmentId, int ordinal, PlannedStep planned, Audience? owner, TimeZoneInfo zone, IEnumerable<int>? reminderDays) => new()
    {
        ReminderDays = string.Join(',', (reminderDays ?? []).Where(d => d > 0).Distinct().OrderDescending()),
        AssessmentId = assessmentId,
        StepId = planned.Id,
        Ordinal = ordinal,
        Kind = planned.Kind,
        Title = planned.Title,
        Owner = owner,
        State = planned.Skipped ? StepState.Skipped : StepState.Scheduled,
        PlannedStart = planned.Start,
        PlannedEnd = planned.End,
        Fixed = planned.Fixed,
        OpensAt = planned.Skipped ? null : WindowTimeZone.StartOf(planned.Start, zone),
        ClosesAt = planned.Skipped ? null : CloseInstant(planned.Kind, planned.End, zone),
    };

    private void Change(StepState state, string actor, DateTimeOffset now)
    {
        State = state;
        ChangedAt = now;
        ChangedBy = actor;
        if (state == StepState.Open)
        {
            SkipPassedReminders(now);
        }
        else
        {
            NextReminderAt = null;
        }

        SetUpNoticeAt = NextSetUpNotice();
    }

    private string Since() => ChangedAt is { } at ? $" (since {at:yyyy-MM-dd HH:mm:ss}Z, by {ChangedBy})"
        : State == StepState.Skipped ? " (the plan leaves it out: its condition does not hold)" : string.Empty;

    private ConflictException Refused(string why) => new($"Step '{StepId}' {why}.", "action");

    private static DateTimeOffset CloseInstant(string kind, DateOnly end, TimeZoneInfo zone) => WindowTimeZone.StartOf(kind == "milestone" ? end : end.AddDays(1), zone);

    /// <summary>Where this step's close would fall in <paramref name="zone"/>.</summary>
    internal DateTimeOffset CloseIn(TimeZoneInfo zone) => CloseInstant(Kind, PlannedEnd, zone);

    /// <summary>Takes its instants in another zone: all of them if it has not begun, its close if it is open.</summary>
    internal void Rezone(TimeZoneInfo zone, DateTimeOffset now)
    {
        if (State is StepState.Pending or StepState.Scheduled && OpensAt is not null)
        {
            OpensAt = WindowTimeZone.StartOf(PlannedStart, zone);
            ClosesAt = CloseInstant(Kind, PlannedEnd, zone);
            SetUpNoticeAt = NextSetUpNotice();
        }
        else if (State == StepState.Open && ClosesAt is not null)
        {
            ClosesAt = CloseInstant(Kind, PlannedEnd, zone);
            RecountReminders(now);
        }
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.ToTable("assessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Title).HasMaxLength(300).IsRequired();
        builder.Property(a => a.WorkflowId).HasMaxLength(100).IsRequired();
        builder.Property(a => a.ParametersJson).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.TimeZone).HasMaxLength(WindowTimeZone.MaxLength).IsRequired().HasDefaultValue(WindowTimeZone.Default);
        builder.Ignore(a => a.Zone);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Parameters);
        builder.HasMany(a => a.Steps).WithOne().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Steps).HasField("steps").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AssessmentStepConfiguration : IEntityTypeConfiguration<AssessmentStep>
{
    public void Configure(EntityTypeBuilder<AssessmentStep> builder)
    {
        builder.ToTable("assessment_steps");
        builder.HasKey(s => new { s.AssessmentId, s.StepId });
        builder.Property(s => s.StepId).HasMaxLength(100);
        builder.Property(s => s.Kind).HasMaxLength(20).IsRequired();
        builder.Property(s => s.Title).HasMaxLength(300).IsRequired();
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Owner).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ChangedBy).HasMaxLength(256);
        builder.Property(s => s.ReminderDays).HasMaxLength(100);
        builder.Property(s => s.DecisionReference).HasMaxLength(PlenaryDecision.MaxReferenceLength);
        builder.Property(s => s.AdvanceError).HasMaxLength(AssessmentStep.MaxAdvanceErrorLength);
        builder.Ignore(s => s.IsPlenaryApproval);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        // The timer path asks "what is due now": one range of one index. Steps with nothing left to do (most of them,
        // over an assessment's years) are not in it, and a transition updates this index and no other besides the key.
        builder.HasIndex(s => s.DueAt).HasFilter("due_at IS NOT NULL");
        // The readiness check asks which steps are failing: almost always none, so the index is almost always empty.
        builder.HasIndex(s => s.AdvanceFailures).HasFilter("advance_failures > 0");
    }
}

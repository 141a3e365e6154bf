using System.Diagnostics.CodeAnalysis;
using IpbesFlow.Common;
using IpbesFlow.Workflows;

namespace IpbesFlow.Assessments;

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

    public StepKind Kind { get; private set; } = null!;

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
    public bool IsPlenaryApproval => Kind.IsApproval && Owner == Audience.Plenary;

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

    /// <summary>Kinds a person completes (usable in queries: <c>AssessmentStep.HumanKinds.Contains(s.Kind)</c>).</summary>
    public static readonly IReadOnlyList<StepKind> HumanKinds = [.. StepKind.All.Where(k => k.IsHuman)];

    public bool ClosesByItself => Kind.ClosesByItself;

    /// <summary>Selection, approval and task steps: a person completes them.</summary>
    public bool IsHuman => Kind.IsHuman;

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
        return now >= opens ? null : WholeDaysUntil(opens, now);
    }

    /// <summary>The whole days left until <paramref name="instant"/>, as people count them in a reminder: at least one.</summary>
    internal static int WholeDaysUntil(DateTimeOffset instant, DateTimeOffset now) => Math.Max(1, (int)Math.Ceiling((instant - now).TotalDays));

    private DateTimeOffset? NextSetUpNotice() =>
        Kind.TakesComments && SetUpAt is null && State is StepState.Pending or StepState.Scheduled && OpensAt is { } opens && SetUpNoticesSent < SetUpNoticeDays.Count
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

        var reached = Kind.IsInstant;
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

    /// <summary>Whether <paramref name="action"/> may be taken on this step now; if not, <paramref name="why"/> says why as
    /// the refusal does (what the step is, since when and by whom). The one rule behind a person's action and the
    /// actions a task list offers.</summary>
    public bool CanApply(StepAction action, [NotNullWhen(false)] out string? why)
    {
        why = Refusal(action);
        return why is null;
    }

    private string? Refusal(StepAction action) => action switch
    {
        StepAction.Invite when !Kind.Allows(action) => $"is a {Kind}: only meetings have calendar invitations",
        StepAction.Invite when IsFinished || State == StepState.Closed => $"is {Assessment.Name(State)}{Since()}: it is too late to invite people to it",
        StepAction.Invite when InvitationSequence is { } sent => $"has had its invitation sent (sequence {sent}); changes and a cancellation are sent by themselves",
        StepAction.Invite => null,
        _ when IsFinished => $"is already {Assessment.Name(State)}{Since()}",
        StepAction.Start when !Kind.Allows(action) => $"is a {Kind}: it opens at its scheduled time ({OpensAt:yyyy-MM-dd HH:mm}Z). To open it at another time, reschedule it",
        StepAction.Start when State == StepState.Open => $"is already open{Since()}",
        StepAction.Complete when !Kind.Allows(action) => $"is a {Kind}: it is reached on its date ({PlannedEnd:yyyy-MM-dd})",
        StepAction.Complete when IsHuman && State != StepState.Open => $"has not opened yet (it opens {OpensAt:yyyy-MM-dd HH:mm}Z); it can be completed once it is open. The secretariat may start it early, saying why",
        StepAction.Complete when !IsHuman && State == StepState.Open => $"is open until {ClosesAt:yyyy-MM-dd HH:mm}Z; it can be completed once it has closed",
        StepAction.Complete when !IsHuman && State != StepState.Closed => $"has not opened yet (it opens {OpensAt:yyyy-MM-dd HH:mm}Z)",
        StepAction.Close when !Kind.Allows(action) => $"is a {Kind}: only a call or a review window is closed early",
        StepAction.Close when State != StepState.Open => $"is {Assessment.Name(State)}{Since()}; only an open window can be closed now",
        StepAction.Skip when HasBegun => $"is {Assessment.Name(State)}{Since()}; only a step that has not begun can be skipped (cancel it instead)",
        _ => null,
    };

    internal void Apply(StepAction action, string actor, DateTimeOffset now, PlenaryDecision? decision = null, TimeZoneInfo? zone = null)
    {
        if (!CanApply(action, out var why))
        {
            throw Refused(why);
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
            case StepAction.Start:
                Change(StepState.Open, actor, now);
                StartedAt = now;
                break;
            case StepAction.Complete when IsHuman:
                Change(StepState.Completed, actor, now);
                StartedAt ??= now;
                EndedAt = now;
                break;
            case StepAction.Complete:
                Change(StepState.Completed, actor, now);
                break;
            case StepAction.Close:
                // Its last day is the day it closed on where its edges are given: mail and pages then say when it
                // closed, not when it would have.
                ClosesAt = now;
                PlannedEnd = WindowTimeZone.DayOf(now.AddTicks(-1), zone ?? TimeZoneInfo.Utc) is var last && last > PlannedStart ? last : PlannedStart;
                Change(StepState.Closed, actor, now);
                EndedAt = now;
                break;
            case StepAction.Skip:
                Change(StepState.Skipped, actor, now);
                break;
            case StepAction.Cancel:
                Change(StepState.Cancelled, actor, now);
                EndedAt = HasBegun ? EndedAt ?? now : null;
                InvitationSequence++;
                break;
            case StepAction.Invite:
                InvitationSequence = 0;
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
            ClosesAt = Kind.CloseInstant(planned.End, zone);
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
        ClosesAt = planned.Kind.CloseInstant(planned.End, zone);
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

        if (HasBegun && end is { } e && Kind.CloseInstant(e, zone) <= now)
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
        ClosesAt = planned.Skipped ? null : planned.Kind.CloseInstant(planned.End, zone),
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

    /// <summary>Where this step's close would fall in <paramref name="zone"/>.</summary>
    internal DateTimeOffset CloseIn(TimeZoneInfo zone) => Kind.CloseInstant(PlannedEnd, zone);

    /// <summary>Takes its instants in another zone: all of them if it has not begun, its close if it is open.</summary>
    internal void Rezone(TimeZoneInfo zone, DateTimeOffset now)
    {
        if (State is StepState.Pending or StepState.Scheduled && OpensAt is not null)
        {
            OpensAt = WindowTimeZone.StartOf(PlannedStart, zone);
            ClosesAt = Kind.CloseInstant(PlannedEnd, zone);
            SetUpNoticeAt = NextSetUpNotice();
        }
        else if (State == StepState.Open && ClosesAt is not null)
        {
            ClosesAt = Kind.CloseInstant(PlannedEnd, zone);
            RecountReminders(now);
        }
    }
}

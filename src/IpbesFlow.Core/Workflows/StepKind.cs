using IpbesFlow.Assessments;

namespace IpbesFlow.Workflows;

/// <summary>What a kind of step is, in one place: which keys its definition takes, which events it notifies, whether it
/// is a window that opens and closes by itself or a step a person completes, when it closes, and which actions it
/// allows. Each kind is one small class; the kinds are every such class in this assembly, so adding a kind is that class,
/// its templates and the JSON Schema's list (a test holds the two lists equal). Kinds are singletons: compare them as
/// values, store them by <see cref="Name"/>.</summary>
public abstract class StepKind
{
    public abstract string Name { get; }

    /// <summary>Where the kind comes in an assessment's process (calls first, milestones last), for lists people read.</summary>
    public abstract int ProcessOrder { get; }

    /// <summary>A window with an audience (call, review): needs an audience; reminders count down to its close.</summary>
    public virtual bool RequiresAudience => false;

    /// <summary>Someone must act (MEP selects, Plenary approves): needs an owner.</summary>
    public virtual bool RequiresOwner => false;

    public virtual bool TakesReminders => false;

    public virtual bool TakesDocuments => false;

    /// <summary>Needs the documents under review in its definition.</summary>
    public virtual bool RequiresDocuments => false;

    /// <summary>A meeting: a mode and a place, and a calendar invitation people are sent.</summary>
    public virtual bool IsMeeting => false;

    /// <summary>A point in time, not a span: no duration; reached on its day, not completed by hand.</summary>
    public virtual bool IsInstant => false;

    /// <summary>Opens and closes on its instants by itself (calls, reviews, meetings).</summary>
    public virtual bool ClosesByItself => false;

    /// <summary>Opens on its day and waits for a person to complete it (selections, approvals, tasks); open past its end,
    /// it is overdue.</summary>
    public virtual bool IsHuman => false;

    /// <summary>The secretariat may close it before its planned close (calls and reviews, in an emergency).</summary>
    public virtual bool ClosesEarly => false;

    /// <summary>Comments are taken in it, and it is set up by its TSU (chapters and a draft) before it opens.</summary>
    public virtual bool TakesComments => false;

    /// <summary>It may be a call for nominations (its definition gives the nominators' grace period): candidates apply in
    /// it and nominating bodies approve them.</summary>
    public virtual bool TakesNominations => false;

    /// <summary>The MEP selects experts in it from the nominations of the call it comes after.</summary>
    public virtual bool SelectsExperts => false;

    /// <summary>Its definition may say that its comments and responses are published after the final approval.</summary>
    public virtual bool MayBePublished => false;

    /// <summary>An approval: the assessment is finally approved when every approval the plan keeps is completed.</summary>
    public virtual bool IsApproval => false;

    public abstract IReadOnlyList<string> Events { get; }

    /// <summary>Every kind: each concrete subclass in this assembly, once.</summary>
    public static IReadOnlyList<StepKind> All { get; } =
        [.. typeof(StepKind).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(StepKind)) && !t.IsAbstract)
            .Select(t => (StepKind)Activator.CreateInstance(t, nonPublic: true)!)
            .OrderBy(k => k.ProcessOrder)];

    public static StepKind? Find(string name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));

    /// <summary>The one instance of a kind, e.g. <c>StepKind.Of&lt;ReviewStep&gt;()</c> in a query.</summary>
    public static TKind Of<TKind>()
        where TKind : StepKind => All.OfType<TKind>().Single();

    /// <summary>The instant a step of this kind planned to end on <paramref name="end"/> closes, in
    /// <paramref name="zone"/>: after its last day, or at the start of the day for a kind that is an instant.</summary>
    public DateTimeOffset CloseInstant(DateOnly end, TimeZoneInfo zone) => WindowTimeZone.StartOf(IsInstant ? end : end.AddDays(1), zone);

    /// <summary>Whether a step of this kind ever takes <paramref name="action"/> (its state decides whether it takes it
    /// now): a person starts only a human step, and completes anything but an instant; only a meeting is invited to, and
    /// only a window that may close early is closed by hand.</summary>
    public bool Allows(StepAction action) => action switch
    {
        StepAction.Start => IsHuman,
        StepAction.Complete => !IsInstant,
        StepAction.Invite => IsMeeting,
        StepAction.Close => ClosesEarly,
        _ => true,
    };

    public override string ToString() => Name;
}

/// <summary>A window for nominations or contributions.</summary>
public sealed class CallStep : StepKind
{
    public override string Name => "call";

    public override int ProcessOrder => 1;

    public override bool RequiresAudience => true;

    public override bool TakesReminders => true;

    public override bool TakesDocuments => true;

    public override bool ClosesByItself => true;

    public override bool ClosesEarly => true;

    public override bool TakesNominations => true;

    public override IReadOnlyList<string> Events { get; } = ["opened", "reminder", "closed"];
}

/// <summary>An external review window (experts, governments, stakeholders) on documents.</summary>
public sealed class ReviewStep : StepKind
{
    public override string Name => "review";

    public override int ProcessOrder => 4;

    public override bool RequiresAudience => true;

    public override bool TakesReminders => true;

    public override bool TakesDocuments => true;

    public override bool RequiresDocuments => true;

    public override bool ClosesByItself => true;

    public override bool ClosesEarly => true;

    public override bool TakesComments => true;

    public override bool MayBePublished => true;

    public override IReadOnlyList<string> Events { get; } = ["opened", "reminder", "closed"];
}

/// <summary>An MEP decision on nominations.</summary>
public sealed class SelectionStep : StepKind
{
    public override string Name => "selection";

    public override int ProcessOrder => 2;

    public override bool RequiresOwner => true;

    public override bool TakesReminders => true;

    public override bool IsHuman => true;

    public override bool SelectsExperts => true;

    public override IReadOnlyList<string> Events { get; } = ["assigned", "reminder", "overdue", "completed"];
}

/// <summary>A Plenary, MEP or Bureau decision.</summary>
public sealed class ApprovalStep : StepKind
{
    public override string Name => "approval";

    public override int ProcessOrder => 5;

    public override bool RequiresOwner => true;

    public override bool TakesReminders => true;

    public override bool TakesDocuments => true;

    public override bool IsHuman => true;

    public override bool IsApproval => true;

    public override IReadOnlyList<string> Events { get; } = ["assigned", "reminder", "overdue", "completed"];
}

/// <summary>Any other human task with an owner and a due date.</summary>
public sealed class TaskStep : StepKind
{
    public override string Name => "task";

    public override int ProcessOrder => 6;

    public override bool RequiresOwner => true;

    public override bool TakesReminders => true;

    public override bool TakesDocuments => true;

    public override bool IsHuman => true;

    public override IReadOnlyList<string> Events { get; } = ["assigned", "reminder", "overdue", "completed"];
}

/// <summary>An author or scoping meeting: dates, online or a place.</summary>
public sealed class MeetingStep : StepKind
{
    public override string Name => "meeting";

    public override int ProcessOrder => 3;

    public override bool IsMeeting => true;

    public override bool ClosesByItself => true;

    public override IReadOnlyList<string> Events { get; } = ["invitation", "changed", "cancelled"];
}

/// <summary>A date that matters (final drafts due), with no duration.</summary>
public sealed class MilestoneStep : StepKind
{
    public override string Name => "milestone";

    public override int ProcessOrder => 7;

    public override bool IsInstant => true;

    public override IReadOnlyList<string> Events { get; } = ["reached"];
}

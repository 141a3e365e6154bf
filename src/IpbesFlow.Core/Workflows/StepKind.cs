namespace IpbesFlow.Workflows;

/// <summary>What a kind of step is: which keys it takes, which events it notifies, how its dates behave. Each kind
/// is one small class; the runtime (assessments) adds what happens when the step opens, closes or a person acts.</summary>
public abstract class StepKind
{
    public abstract string Name { get; }

    /// <summary>A window with an audience (call, review): needs an audience; reminders count down to its close.</summary>
    public virtual bool RequiresAudience => false;

    /// <summary>Someone must act (MEP selects, Plenary approves): needs an owner.</summary>
    public virtual bool RequiresOwner => false;

    public virtual bool TakesReminders => false;

    public virtual bool TakesDocuments => false;

    public virtual bool IsMeeting => false;

    /// <summary>A point in time, not a span: no duration.</summary>
    public virtual bool IsInstant => false;

    public abstract IReadOnlyList<string> Events { get; }

    public static IReadOnlyList<StepKind> All { get; } =
        [new CallStep(), new SelectionStep(), new MeetingStep(), new ReviewStep(), new ApprovalStep(), new TaskStep(), new MilestoneStep()];

    public static StepKind? Find(string name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));

    public override string ToString() => Name;
}

/// <summary>A window for nominations or contributions.</summary>
public sealed class CallStep : StepKind
{
    public override string Name => "call";

    public override bool RequiresAudience => true;

    public override bool TakesReminders => true;

    public override bool TakesDocuments => true;

    public override IReadOnlyList<string> Events { get; } = ["opened", "reminder", "closed"];
}

/// <summary>An external review window (experts, governments, stakeholders) on documents.</summary>
public sealed class ReviewStep : StepKind
{
    public override string Name => "review";

    public override bool RequiresAudience => true;

    public override bool TakesReminders => true;

    public override bool TakesDocuments => true;

    public override IReadOnlyList<string> Events { get; } = ["opened", "reminder", "closed"];
}

/// <summary>An MEP decision on nominations.</summary>
public sealed class SelectionStep : StepKind
{
    public override string Name => "selection";

    public override bool RequiresOwner => true;

    public override bool TakesReminders => true;

    public override IReadOnlyList<string> Events { get; } = ["assigned", "reminder", "overdue", "completed"];
}

/// <summary>A Plenary, MEP or Bureau decision.</summary>
public sealed class ApprovalStep : StepKind
{
    public override string Name => "approval";

    public override bool RequiresOwner => true;

    public override bool TakesReminders => true;

    public override bool TakesDocuments => true;

    public override IReadOnlyList<string> Events { get; } = ["assigned", "reminder", "overdue", "completed"];
}

/// <summary>Any other human task with an owner and a due date.</summary>
public sealed class TaskStep : StepKind
{
    public override string Name => "task";

    public override bool RequiresOwner => true;

    public override bool TakesReminders => true;

    public override bool TakesDocuments => true;

    public override IReadOnlyList<string> Events { get; } = ["assigned", "reminder", "overdue", "completed"];
}

/// <summary>An author or scoping meeting: dates, online or a place.</summary>
public sealed class MeetingStep : StepKind
{
    public override string Name => "meeting";

    public override bool IsMeeting => true;

    public override IReadOnlyList<string> Events { get; } = ["invitation", "changed", "cancelled"];
}

/// <summary>A date that matters (final drafts due), with no duration.</summary>
public sealed class MilestoneStep : StepKind
{
    public override string Name => "milestone";

    public override bool IsInstant => true;

    public override IReadOnlyList<string> Events { get; } = ["reached"];
}

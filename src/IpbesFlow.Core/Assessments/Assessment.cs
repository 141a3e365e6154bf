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

    /// <summary>Raised by every change; a save that finds another value was overtaken by a concurrent change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<AssessmentStep> Steps => steps;

    /// <summary>Moves every step whose time has come: a pending step opens at <see cref="AssessmentStep.OpensAt"/> (a
    /// milestone is reached); an open call, review or meeting closes at <see cref="AssessmentStep.ClosesAt"/>. Human
    /// steps stay open past their due date (they are then overdue) until a person acts. Running it again changes
    /// nothing: each transition checks the state it expects, so a timer that fires twice, late, or on two nodes is
    /// harmless. Returns one journal entry per transition.</summary>
    public IReadOnlyList<JournalEntry> AdvanceTo(DateTimeOffset now, string actor)
    {
        var entries = new List<JournalEntry>();
        foreach (var step in steps.OrderBy(s => s.Ordinal))
        {
            if (step.OpenIfDue(now) is { } opened)
            {
                entries.Add(JournalEntry.Record(Id, actor, opened == StepState.Completed ? "step.reached" : "step.opened", step.StepId, nameof(StepState.Pending).ToLowerInvariant(), opened.ToString().ToLowerInvariant(), null, now));
            }

            if (step.CloseIfDue(now))
            {
                entries.Add(JournalEntry.Record(Id, actor, "step.closed", step.StepId, "open", "closed", $"closed at {step.ClosesAt:O}", now));
            }
        }

        if (entries.Count > 0)
        {
            Version++;
        }

        return entries;
    }

    public IReadOnlyDictionary<string, string> Parameters =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(ParametersJson) ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A new assessment from a plan without conflicts. A plan with conflicts is refused, listing them: dates
    /// people cannot meet are fixed first, not stored.</summary>
    public static (Assessment Assessment, JournalEntry Created) Create(
        Guid id, string title, WorkflowDefinition definition, Plan plan, IReadOnlyDictionary<string, string> parameters, string actor, DateTimeOffset now)
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
        };
        var ordinal = 0;
        foreach (var step in plan.Steps)
        {
            assessment.steps.Add(AssessmentStep.Planned(id, ordinal++, step));
        }

        var entry = JournalEntry.Record(id, actor, "assessment.created", null, null, $"{definition.Id} v{definition.Version}", $"{plan.Steps.Count} steps, start {plan.Start:yyyy-MM-dd}" + (plan.Plenary is { } p ? $", Plenary {p:yyyy-MM-dd}" : string.Empty), now);
        return (assessment, entry);
    }
}

public enum StepState
{
    Pending,
    Scheduled,
    Open,
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

    public StepState State { get; private set; }

    public DateOnly PlannedStart { get; private set; }

    public DateOnly PlannedEnd { get; private set; }

    /// <summary>A person fixed these dates; replanning keeps them.</summary>
    public bool Fixed { get; private set; }

    public DateTimeOffset? OpensAt { get; private set; }

    public DateTimeOffset? ClosesAt { get; private set; }

    /// <summary>Kinds whose window closes by itself; human steps wait for a person.</summary>
    public bool ClosesByItself => Kind is "call" or "review" or "meeting";

    /// <summary>When the engine next has something to do with this step, if ever.</summary>
    public DateTimeOffset? NextDueAt => State switch
    {
        StepState.Pending => OpensAt,
        StepState.Open when ClosesByItself => ClosesAt,
        _ => null,
    };

    internal StepState? OpenIfDue(DateTimeOffset now)
    {
        if (State is not (StepState.Pending or StepState.Scheduled) || OpensAt is not { } opens || now < opens)
        {
            return null;
        }

        State = Kind == "milestone" ? StepState.Completed : StepState.Open;
        return State;
    }

    internal bool CloseIfDue(DateTimeOffset now)
    {
        if (State != StepState.Open || !ClosesByItself || ClosesAt is not { } closes || now < closes)
        {
            return false;
        }

        State = StepState.Closed;
        return true;
    }

    internal static AssessmentStep Planned(Guid assessmentId, int ordinal, PlannedStep planned) => new()
    {
        AssessmentId = assessmentId,
        StepId = planned.Id,
        Ordinal = ordinal,
        Kind = planned.Kind,
        Title = planned.Title,
        State = planned.Skipped ? StepState.Skipped : StepState.Pending,
        PlannedStart = planned.Start,
        PlannedEnd = planned.End,
        Fixed = planned.Fixed,
        OpensAt = planned.Skipped ? null : Midnight(planned.Start),
        ClosesAt = planned.Skipped ? null : Midnight(planned.Kind == "milestone" ? planned.End : planned.End.AddDays(1)),
    };

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
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
        // The timer path asks "what is due now" by state and instant.
        builder.HasIndex(s => new { s.State, s.OpensAt });
        builder.HasIndex(s => new { s.State, s.ClosesAt });
    }
}

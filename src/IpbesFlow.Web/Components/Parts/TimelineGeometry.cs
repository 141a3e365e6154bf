namespace IpbesFlow.Web.Components.Parts;

/// <summary>Where each step of an assessment falls on the timeline drawing: days map linearly to x across the span
/// from the first step's start to the last step's end (today and the Plenary included), one row per step. Pure
/// arithmetic, so that the drawing can be checked without a browser.</summary>
public sealed class TimelineGeometry
{
    public const double Width = 960;
    public const double LabelWidth = 260;
    public const double RowHeight = 22;
    public const double AxisHeight = 28;
    public const double BarHeight = 14;

    private TimelineGeometry(DateOnly first, DateOnly last, IReadOnlyList<Bar> bars, IReadOnlyList<Tick> ticks, double? today, double? plenary)
    {
        First = first;
        Last = last;
        Bars = bars;
        Ticks = ticks;
        TodayX = today;
        PlenaryX = plenary;
    }

    public DateOnly First { get; }

    public DateOnly Last { get; }

    public IReadOnlyList<Bar> Bars { get; }

    /// <summary>Year (or, for short spans, month) marks along the top.</summary>
    public IReadOnlyList<Tick> Ticks { get; }

    /// <summary>Today's line, when today falls inside the span.</summary>
    public double? TodayX { get; }

    public double? PlenaryX { get; }

    public double Height => AxisHeight + (Bars.Count * RowHeight) + 8;

    public static TimelineGeometry For(IReadOnlyList<PlannedStep> steps, DateOnly today, DateOnly? plenary)
    {
        if (steps.Count == 0)
        {
            return new TimelineGeometry(today, today, [], [], null, null);
        }

        var first = steps.Min(s => s.Start);
        var last = steps.Max(s => s.End);
        if (plenary is { } p && p > last)
        {
            last = p;
        }

        // One day at least, so that a single milestone still has a width to sit in.
        var days = Math.Max(1, last.DayNumber - first.DayNumber + 1);
        double X(DateOnly day) => LabelWidth + ((day.DayNumber - first.DayNumber) * (Width - LabelWidth) / days);

        var bars = steps.Select((s, i) =>
        {
            var x = X(s.Start);
            var end = X(s.End.AddDays(1));
            return new Bar(s, x, Math.Max(end - x, 2), AxisHeight + (i * RowHeight) + ((RowHeight - BarHeight) / 2), CssClass(s));
        }).ToList();

        var ticks = new List<Tick>();
        var monthly = days <= 400;
        for (var mark = new DateOnly(first.Year, monthly ? first.Month : 1, 1); mark <= last; mark = monthly ? mark.AddMonths(1) : mark.AddYears(1))
        {
            if (mark >= first)
            {
                ticks.Add(new Tick(X(mark), monthly ? mark.ToString("MMM yyyy", System.Globalization.CultureInfo.CurrentCulture) : mark.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return new TimelineGeometry(
            first,
            last,
            bars,
            ticks,
            today >= first && today <= last ? X(today) : null,
            plenary is { } day && day >= first ? X(day) : null);
    }

    /// <summary>Bars are told apart by kind and by what happened to them; overdue wins, so it is never missed.</summary>
    private static string CssClass(PlannedStep step)
    {
        var kind = step.IsInstant ? "milestone" : step.TakesComments ? "review" : step.IsMeeting ? "meeting" : "work";
        var state = step.Overdue ? "overdue" : step.State.ToString().ToLowerInvariant();
        return $"bar bar-{kind} bar-{state}{(step.Fixed ? " bar-fixed" : string.Empty)}";
    }

    public sealed record PlannedStep(string Id, string Title, Assessments.StepState State, DateOnly Start, DateOnly End, bool Fixed, bool Overdue, bool TakesComments, bool IsMeeting, bool IsInstant);

    public sealed record Bar(PlannedStep Step, double X, double Width, double Y, string CssClass);

    public sealed record Tick(double X, string Label);
}

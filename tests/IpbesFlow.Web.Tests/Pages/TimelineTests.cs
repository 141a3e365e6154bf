using System.Globalization;
using Bunit;
using IpbesFlow.Assessments;
using IpbesFlow.Web.Components.Parts;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.Web.Tests.Pages;

/// <summary>The timeline's drawing: days map to x proportionally, one row per step, milestones as diamonds, today and
/// the Plenary marked where they fall, overdue and fixed steps told apart.</summary>
public sealed class TimelineTests : IDisposable
{
    private static readonly DateOnly Start = new(2019, 1, 1);
    private readonly BunitContext context = new();

    public TimelineTests() => context.Services.AddLocalization(options => options.ResourcesPath = "Resources");

    [Fact]
    public void Days_map_to_x_in_proportion_and_each_step_has_its_row()
    {
        // 100 days from the first start to the last end: a step of 10 days is a tenth of the drawing's width.
        var steps = new[]
        {
            Step("drafting", 0, 49),
            Step("review", 50, 59, takesComments: true),
            Step("revision", 60, 99),
        };

        var geometry = TimelineGeometry.For(steps, Start.AddDays(55), plenary: null);

        var width = TimelineGeometry.Width - TimelineGeometry.LabelWidth;
        double[] expected = [TimelineGeometry.LabelWidth, TimelineGeometry.LabelWidth + (width / 2), TimelineGeometry.LabelWidth + (width * 0.6)];
        geometry.Bars.Select(b => Math.Round(b.X, 6)).ShouldBe(expected.Select(x => Math.Round(x, 6)));
        geometry.Bars[1].Width.ShouldBe(width / 10, 1e-9);
        geometry.Bars.Select(b => b.Y).Distinct().Count().ShouldBe(3);
        geometry.TodayX!.Value.ShouldBe(TimelineGeometry.LabelWidth + (width * 0.55), 1e-9);
        geometry.PlenaryX.ShouldBeNull();
        geometry.Ticks.Count.ShouldBe(4, "a span under 400 days is marked by month: January to April");
    }

    [Fact]
    public void Today_outside_the_span_draws_no_line_and_a_later_plenary_widens_the_span()
    {
        var geometry = TimelineGeometry.For([Step("drafting", 0, 99)], Start.AddDays(500), Start.AddDays(199));

        geometry.TodayX.ShouldBeNull();
        geometry.Last.ShouldBe(Start.AddDays(199));
        geometry.PlenaryX!.Value.ShouldBe(TimelineGeometry.LabelWidth + ((TimelineGeometry.Width - TimelineGeometry.LabelWidth) * 199 / 200), 1e-9);
    }

    [Fact]
    public void The_drawing_tells_milestones_reviews_overdue_and_fixed_steps_apart_and_describes_itself()
    {
        var steps = new[]
        {
            Step("drafting", 0, 49, overdue: true, state: StepState.Open),
            Step("review", 50, 59, takesComments: true, @fixed: true),
            Step("approval", 60, 60, instant: true),
        };

        var cut = context.Render<Timeline>(p => p
            .Add(t => t.Title, "Values assessment")
            .Add(t => t.Steps, steps)
            .Add(t => t.Today, Start.AddDays(30))
            .Add(t => t.Plenary, Start.AddDays(60)));

        cut.Find("svg").GetAttribute("role").ShouldBe("img");
        cut.Find("svg title").TextContent.ShouldBe("Timeline of Values assessment");
        cut.Find("svg desc").TextContent.ShouldContain("3 steps");
        cut.Find("g[data-step='drafting'] rect").ClassList.ShouldContain("bar-overdue");
        cut.Find("g[data-step='review'] rect").ClassList.ShouldContain("bar-review");
        cut.Find("g[data-step='review'] rect").ClassList.ShouldContain("bar-fixed");
        cut.Find("g[data-step='approval'] path").ClassList.ShouldContain("bar-milestone");
        cut.FindAll("line.today-line").Count.ShouldBe(1);
        cut.FindAll("line.plenary-line").Count.ShouldBe(1);
        cut.Find("g[data-step='review'] rect title").TextContent.ShouldBe("review: 2019-02-20 – 2019-03-01 (scheduled, fixed)");
        double.Parse(cut.Find("g[data-step='review'] rect").GetAttribute("x")!, CultureInfo.InvariantCulture)
            .ShouldBe(TimelineGeometry.LabelWidth + ((TimelineGeometry.Width - TimelineGeometry.LabelWidth) * 50 / 61), 0.05);
    }

    public void Dispose() => context.Dispose();

    private static TimelineGeometry.PlannedStep Step(string id, int from, int to, bool takesComments = false, bool instant = false, bool overdue = false, bool @fixed = false, StepState state = StepState.Scheduled) =>
        new(id, id, state, Start.AddDays(from), Start.AddDays(to), @fixed, overdue, takesComments, IsMeeting: false, instant);
}

using IpbesFlow.Assessments;
using IpbesFlow.Tests.Workflows;
using IpbesFlow.Workflows;

namespace IpbesFlow.Tests.Assessments;

/// <summary>The methodological assessment of the values of nature as planned from the shipped definition, with its
/// first-order draft review fixed to its real dates (29 July to 22 September 2019).</summary>
internal static class ValuesAssessment
{
    public static readonly DateTimeOffset FodOpens = new(2019, 7, 29, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset FodCloses = new(2019, 9, 23, 0, 0, 0, TimeSpan.Zero);

    public static WorkflowDefinition Definition => ShippedWorkflows.Get("methodological-assessment");

    public static Assessment Create(string timeZone = "UTC")
    {
        var plan = WorkflowPlanner.Plan(Definition, new PlanRequest
        {
            Start = new DateOnly(2017, 6, 1),
            Plenary = new DateOnly(2022, 7, 3),
            Fixed = new Dictionary<string, FixedDates> { ["fod-review"] = new(new DateOnly(2019, 7, 29), new DateOnly(2019, 9, 22)) },
        });
        return Assessment.Create(Guid.NewGuid(), "Values", Definition, plan, new Dictionary<string, string>(), "mep", FodOpens.AddYears(-3), timeZone);
    }

    public static AssessmentStep Step(Assessment assessment, string id) => assessment.Steps.Single(s => s.StepId == id);
}

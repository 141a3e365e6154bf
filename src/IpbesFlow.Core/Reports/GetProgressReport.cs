using System.Globalization;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Nominations;
using IpbesFlow.Persistence;
using IpbesFlow.Reviews;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reports;

/// <summary>The progress report on the work programme for a period (the Plenary's document on the assessments), from the
/// records: for the secretariat, the MEP and the Bureau.</summary>
public sealed record GetProgressReport(DateOnly Since, DateOnly? Until = null, IReadOnlyList<Guid>? Assessments = null) : IQuery<ProgressReport>;

public sealed class GetProgressReportHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : IQueryHandler<GetProgressReport, ProgressReport>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public async ValueTask<ProgressReport> Handle(GetProgressReport query, CancellationToken cancellationToken)
    {
        if (!AssessmentAccess.SeesEveryAssessment(actor.Principal))
        {
            throw new ForbiddenException("The progress report is written by the secretariat, for the MEP and the Bureau.");
        }

        var now = time.GetUtcNow();
        var until = query.Until ?? DateOnly.FromDateTime(now.UtcDateTime);
        if (until < query.Since)
        {
            throw new ValidationFailedException("until", $"The period ends ({until:yyyy-MM-dd}) before it begins ({query.Since:yyyy-MM-dd}).");
        }

        var ids = query.Assessments ?? [];
        var assessments = await db.Assessments.AsNoTracking().Where(a => ids.Count == 0 || ids.Contains(a.Id)).OrderBy(a => a.Title).ToListAsync(cancellationToken);
        var missing = ids.Except(assessments.Select(a => a.Id)).ToList();
        if (missing.Count > 0)
        {
            throw new NotFoundException("Assessment", string.Join(", ", missing));
        }

        var counts = new List<ReportCount>();
        var sections = new List<AssessmentSection>();
        var timeline = new List<TimelineRow>();
        foreach (var assessment in assessments)
        {
            var steps = await db.AssessmentSteps.AsNoTracking().Where(s => s.AssessmentId == assessment.Id).OrderBy(s => s.Ordinal).ToListAsync(cancellationToken);
            sections.Add(await SectionAsync(assessment, steps, query.Since, until, counts, cancellationToken));
            timeline.Add(new TimelineRow(assessment.Title, assessment.PlenaryDate, steps.Where(s => s.State is not (StepState.Skipped or StepState.Cancelled))
                .Select(s => new TimelineBar(s.Title, s.Kind.Name, s.PlannedStart, s.PlannedEnd)).ToList()));
        }

        return new ProgressReport(Day(query.Since), Day(until), now.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), sections, counts) { Timeline = timeline };
    }

    private async Task<AssessmentSection> SectionAsync(Assessment assessment, List<AssessmentStep> steps, DateOnly since, DateOnly until, List<ReportCount> counts, CancellationToken cancellationToken)
    {
        var definition = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion);
        var done = new List<DoneStep>();
        foreach (var step in steps.Where(s => s.State is StepState.Closed or StepState.Completed && s.PlannedEnd >= since && s.PlannedEnd <= until))
        {
            done.Add(await DoneAsync(assessment, step, definition, counts, cancellationToken));
        }

        var next = steps.Where(s => s.State is StepState.Pending or StepState.Scheduled or StepState.Open && s.PlannedEnd > until).Take(3)
            .Select(s => new NextStep(s.Title, Day(s.PlannedStart), Day(s.PlannedEnd))).ToList();
        var underWay = steps.Where(s => s.PlannedStart <= until && s.PlannedEnd >= until && s.State is not (StepState.Skipped or StepState.Cancelled)).Select(s => s.Title).ToList();
        var milestone = steps.FirstOrDefault(s => s.State is not (StepState.Completed or StepState.Closed or StepState.Skipped or StepState.Cancelled) && s.PlannedEnd > until);
        return new AssessmentSection(assessment.Title, definition?.Title ?? assessment.WorkflowId, string.Join("; ", underWay),
            assessment.PlenaryDate is { } plenary ? Day(plenary) : string.Empty, done, next, milestone is null ? string.Empty : $"{milestone.Title} ({Day(milestone.PlannedStart)})");
    }

    private async Task<DoneStep> DoneAsync(Assessment assessment, AssessmentStep step, WorkflowDefinition? workflow, List<ReportCount> counts, CancellationToken cancellationToken)
    {
        var definition = workflow?.FindStep(step.StepId);
        var item = new DoneStep(KindOf(step, definition), step.Title, Day(step.PlannedStart), Day(step.PlannedEnd), string.Empty, false, 0, 0, 0, 0, 0, 0, 0,
            step.DecisionReference is { } decision ? $"{decision}{(step.DecidedOn is { } on ? $" ({Day(on)})" : string.Empty)}" : string.Empty, 0, 0);
        void Count(string what, int value, string how) => counts.Add(new ReportCount(assessment.Title, $"{step.Title}: {what}", value, how));
        switch (item.Kind)
        {
            case "review":
                var comments = db.ReviewComments.AsNoTracking().Where(c => c.AssessmentId == assessment.Id && c.StepId == step.StepId);
                item = item with
                {
                    Comments = await comments.CountAsync(cancellationToken),
                    Reviewers = await comments.Select(c => c.ReviewerName).Distinct().CountAsync(cancellationToken),
                    Governments = await comments.Where(c => c.ReviewerType == ReviewerType.Government).Select(c => c.ReviewerCountry).Distinct().CountAsync(cancellationToken),
                    Organisations = await comments.Where(c => c.ReviewerType == ReviewerType.Organisation).Select(c => c.ReviewerName).Distinct().CountAsync(cancellationToken),
                };
                Count("comments", item.Comments, "review_comments of the review, counted");
                Count("reviewers", item.Reviewers, "distinct reviewer names among its comments (a government or an organisation is one)");
                Count("governments", item.Governments, "distinct countries among its comments from governments");
                Count("organisations", item.Organisations, "distinct organisations among its comments from organisations");
                break;
            case "meeting":
                var venue = await db.MeetingVenues.AsNoTracking().FirstOrDefaultAsync(v => v.AssessmentId == assessment.Id && v.StepId == step.StepId, cancellationToken);
                var participants = db.MeetingParticipants.AsNoTracking().Where(p => p.AssessmentId == assessment.Id && p.StepId == step.StepId && p.RemovedAt == null);
                item = item with
                {
                    Place = venue is null ? definition?.Place ?? string.Empty : venue.Mode == MeetingMode.Online ? string.Empty : string.Join(", ", new[] { venue.City, venue.CountryCode }.Where(p => p is not null)),
                    Online = venue?.Mode == MeetingMode.Online || (venue is null && definition?.Mode == MeetingMode.Online),
                    Participants = await participants.CountAsync(cancellationToken),
                    Attended = await participants.CountAsync(p => p.Attended == true, cancellationToken),
                };
                if (item.Participants > 0)
                {
                    Count("participants", item.Participants, "meeting_participants on its list");
                    Count("attended", item.Attended, "meeting_participants recorded as attending");
                }

                break;
            case "call":
                var candidates = db.Candidates.AsNoTracking().Where(c => c.AssessmentId == assessment.Id && c.CallStepId == step.StepId);
                item = item with
                {
                    Candidates = await candidates.CountAsync(cancellationToken),
                    Approved = await candidates.CountAsync(c => db.Nominations.Any(n => n.CandidateId == c.Id && n.Status == NominationStatus.Approved), cancellationToken),
                };
                Count("candidates", item.Candidates, "candidates of the call (one per person, however many nominations)");
                Count("approved", item.Approved, "candidates with a nomination approved by its body");
                break;
            case "selection":
                var call = workflow?.CallSelectedBy(step.StepId)?.Id;
                item = item with
                {
                    Selected = call is null ? 0 : await db.Candidates.CountAsync(
                        c => c.AssessmentId == assessment.Id && c.CallStepId == call && c.Outcome == SelectionOutcome.Selected && c.ResultAt != null, cancellationToken),
                };
                Count("experts selected", item.Selected, "candidates whose final outcome is selected");
                break;
        }

        return item;
    }

    private static string KindOf(AssessmentStep step, StepDefinition? definition) => step.Kind switch
    {
        { TakesComments: true } => "review",
        { IsMeeting: true } => "meeting",
        { TakesNominations: true } when definition?.IsCallForNominations == true => "call",
        { SelectsExperts: true } => "selection",
        { IsApproval: true } when step.DecisionReference is not null => "approval",
        _ => "step",
    };

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", English);
}

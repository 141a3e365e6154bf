using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>Finding a review: the step (which holds the window) and its set-up.</summary>
public static class ReviewLookup
{
    public static async Task<AssessmentStep> StepAsync(IpbesFlowDbContext db, Guid assessmentId, string stepId, CancellationToken cancellationToken)
    {
        var step = await db.AssessmentSteps.AsNoTracking().FirstOrDefaultAsync(s => s.AssessmentId == assessmentId && s.StepId == stepId, cancellationToken);
        if (step is null)
        {
            throw await db.Assessments.AnyAsync(a => a.Id == assessmentId, cancellationToken)
                ? new NotFoundException("Review", $"{stepId} (no step of assessment {assessmentId} has that id)")
                : new NotFoundException("Assessment", assessmentId);
        }

        return step.Kind.TakesComments ? step : throw new NotFoundException("Review", $"{stepId} (it is a {step.Kind}, not a review)");
    }

    /// <summary>The review's set-up, with its chapters; a review the TSU has not set up yet takes nothing.</summary>
    public static async Task<ReviewRound> RoundAsync(IpbesFlowDbContext db, AssessmentStep step, CancellationToken cancellationToken, bool track = false)
    {
        var rounds = track ? db.ReviewRounds : db.ReviewRounds.AsNoTracking();
        return await rounds.Include(r => r.Chapters).FirstOrDefaultAsync(r => r.AssessmentId == step.AssessmentId && r.StepId == step.StepId, cancellationToken)
            ?? throw new ConflictException(step.State == StepState.Open && step.OpensAt is { } opens
                ? $"Review '{step.Title}' opened on {opens:yyyy-MM-dd} but its TSU has not set it up yet (the chapters under review and the drafts); its TSU has been told. Registration and comments open once it is set up."
                : $"Review '{step.Title}' is not set up yet: its TSU has not listed the chapters under review. Registration opens once it is.");
    }

    /// <summary>The review has its chapters and a draft: its TSU is no longer told that it is not set up.</summary>
    public static async Task MarkSetUpAsync(IpbesFlowDbContext db, AssessmentStep step, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        if (step.SetUpAt is not null)
        {
            return;
        }

        var tracked = await db.AssessmentSteps.FirstAsync(s => s.AssessmentId == step.AssessmentId && s.StepId == step.StepId, cancellationToken);
        if (tracked.MarkSetUp(now))
        {
            db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor, "review.set-up", step.StepId, null, "chapters and a draft", null, now));
        }
    }

    /// <summary>Once the assessment is approved its compilations are published, and frozen: a response or a comment
    /// added then would change what was published. A correction is an erratum by the secretariat.</summary>
    public static async Task EnsureNotPublishedAsync(IpbesFlowDbContext db, Guid assessmentId, CancellationToken cancellationToken)
    {
        var approvals = await ApprovalsAsync(db, assessmentId, cancellationToken);
        if (Assessment.IsFinallyApproved(approvals))
        {
            var approved = approvals.Where(s => s.State == StepState.Completed).Max(s => s.EndedAt);
            throw new ConflictException($"The assessment was approved on {approved:yyyy-MM-dd} and its review compilations published: they are frozen. A correction is an erratum by the secretariat (POST .../comments/{{number}}/erratum).");
        }
    }

    /// <summary>Whether the definition publishes this review's compilation once the assessment is approved (its
    /// external reviews), in the version the assessment follows.</summary>
    public static bool IsPublished(Workflows.IWorkflowCatalog catalog, Assessment assessment, string stepId) =>
        catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion)?.FindStep(stepId)?.Publish == true;

    /// <summary>Comments are taken if and only if the server's clock is inside the stored window, whether or not the
    /// timer that closes the step has fired (guarantee 4). A refusal gives the window's edges in UTC and, when they are
    /// given elsewhere, in the assessment's time zone.</summary>
    public static async Task EnsureTakingCommentsAsync(IpbesFlowDbContext db, AssessmentStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (step.State is StepState.Skipped or StepState.Cancelled || step.OpensAt is not { } opens || step.ClosesAt is not { } closes)
        {
            throw new ConflictException($"Review {step.StepId} was {step.State.ToString().ToLowerInvariant()}; it takes no comments.");
        }

        if (now >= opens && now < closes)
        {
            return;
        }

        var zone = await TimeZoneOfAsync(db, step.AssessmentId, cancellationToken);
        throw now < opens
            ? new ConflictException($"Review {step.StepId} opens at {WindowTimeZone.Describe(opens, zone)}; comments are taken from then until it closes at {WindowTimeZone.Describe(closes, zone)}.")
            : new ConflictException($"Review {step.StepId} closed at {WindowTimeZone.Describe(closes, zone)}; comments are no longer taken.");
    }

    /// <summary>The time zone the assessment's window edges are given in.</summary>
    public static Task<string> TimeZoneOfAsync(IpbesFlowDbContext db, Guid assessmentId, CancellationToken cancellationToken) =>
        db.Assessments.Where(a => a.Id == assessmentId).Select(a => a.TimeZone).FirstAsync(cancellationToken);

    /// <summary>The assessment's approval steps: what <see cref="Assessment.IsFinallyApproved"/> reads.</summary>
    public static async Task<IReadOnlyList<AssessmentStep>> ApprovalsAsync(IpbesFlowDbContext db, Guid assessmentId, CancellationToken cancellationToken)
    {
        // A kind is compared as a query parameter (typed StepKind, stored by its name), not as a constant of its class.
        StepKind approval = StepKind.Of<ApprovalStep>();
        return await db.AssessmentSteps.AsNoTracking().Where(s => s.AssessmentId == assessmentId && s.Kind == approval).ToListAsync(cancellationToken);
    }
}

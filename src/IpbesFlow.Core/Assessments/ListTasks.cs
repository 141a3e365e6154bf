using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>What is the caller's to do: the human steps they may complete that are open (or start within
/// <see cref="AheadDays"/> days), and, for the TSU and the secretariat, windows that have closed and wait to be
/// completed; for an author, the comments of closed reviews still to answer on their chapters, and for a review
/// editor, the fully answered chapters to sign off; for the TSU, the reviews to set up before they open. Soonest due
/// first; overdue ones say so.</summary>
public sealed record ListTasks(Guid? Assessment = null, int AheadDays = 14) : IQuery<IReadOnlyList<TaskView>>;

/// <summary>One thing to do: where, what, due when, whether it is late, and which actions the caller may take.</summary>
public sealed record TaskView(
    Guid AssessmentId,
    string AssessmentTitle,
    string StepId,
    string Title,
    string Kind,
    StepState State,
    DateTimeOffset? Starts,
    DateTimeOffset? Due,
    bool Overdue,
    IReadOnlyList<string> Actions)
{
    /// <summary>The assessment's time zone, in which its window edges fall at midnight.</summary>
    public string TimeZone { get; init; } = WindowTimeZone.Default;
}

public sealed class ListTasksHandler(IpbesFlowDbContext db, ICurrentUser caller, TimeProvider time) : IQueryHandler<ListTasks, IReadOnlyList<TaskView>>
{
    public async ValueTask<IReadOnlyList<TaskView>> Handle(ListTasks query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var horizon = now.AddDays(Math.Clamp(query.AheadDays, 0, 3660));
        // Kinds go into the query as a parameter (typed StepKind, stored by name), not as constants of their classes.
        var human = AssessmentStep.HumanKinds;
        var steps = db.AssessmentSteps.AsNoTracking().Where(s =>
            (human.Contains(s.Kind)
                && (s.State == StepState.Open || ((s.State == StepState.Pending || s.State == StepState.Scheduled) && s.OpensAt <= horizon)))
            || s.State == StepState.Closed);
        if (query.Assessment is { } only)
        {
            steps = steps.Where(s => s.AssessmentId == only);
        }

        var candidates = await steps
            .Join(db.Assessments, s => s.AssessmentId, a => a.Id, (s, a) => new { Step = s, a.Title, a.TimeZone })
            .ToListAsync(cancellationToken);

        var tasks = candidates
            .Select(c => (c.Step, c.Title, c.TimeZone, Actions: StepAuthority.ActionsFor(caller.Principal, c.Step.AssessmentId, c.Step.Owner)))
            .Where(c => c.Actions.Contains(StepAction.Complete))
            .Select(c => new TaskView(
                c.Step.AssessmentId,
                c.Title,
                c.Step.StepId,
                c.Step.Title,
                c.Step.Kind.Name,
                c.Step.State,
                c.Step.OpensAt,
                c.Step.ClosesAt,
                c.Step.IsOverdue(now),
                // Only the actions the step allows now, so that a client offers exactly these buttons.
                c.Actions.Where(a => c.Step.CanApply(a, out _)).Select(StepActions.Name).ToList()) { TimeZone = c.TimeZone })
            .Concat(await ReviewWorkAsync(query.Assessment, now, cancellationToken))
            .Concat(await SetUpWorkAsync(query.Assessment, now, horizon, cancellationToken));
        return tasks
            .OrderBy(t => t.Due ?? DateTimeOffset.MaxValue).ThenBy(t => t.AssessmentTitle, StringComparer.Ordinal).ThenBy(t => t.StepId, StringComparer.Ordinal)
            .ToList();
    }

    // An author's comments to answer and a review editor's chapters to sign off, chapter by chapter, once a review has closed.
    private async Task<IReadOnlyList<TaskView>> ReviewWorkAsync(Guid? only, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return [];
        }

        var authorships = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == userId && r.Role == Role.Author && (only == null || r.AssessmentId == only))
            .Select(r => new { AssessmentId = r.AssessmentId!.Value, Role = r.AuthorRole!.Value, r.Chapter })
            .ToListAsync(cancellationToken);
        if (authorships.Count == 0)
        {
            return [];
        }

        var ids = authorships.Select(a => a.AssessmentId).Distinct().ToList();
        StepKind reviewKind = StepKind.Of<ReviewStep>();
        var reviews = await db.AssessmentSteps.AsNoTracking()
            .Where(s => ids.Contains(s.AssessmentId) && s.Kind == reviewKind && s.ClosesAt <= now)
            .Join(db.Assessments, s => s.AssessmentId, a => a.Id, (s, a) => new { s.AssessmentId, s.StepId, s.Title, s.ClosesAt, Assessment = a.Title, a.TimeZone })
            .ToListAsync(cancellationToken);
        var chapters = await db.ReviewComments.AsNoTracking()
            .Where(c => ids.Contains(c.AssessmentId))
            .GroupBy(c => new { c.AssessmentId, c.StepId, c.Chapter })
            .Select(g => new { g.Key.AssessmentId, g.Key.StepId, g.Key.Chapter, Unanswered = g.Count(c => c.ResponseStatus == null) })
            .ToListAsync(cancellationToken);
        var signedOff = (await db.ReviewChapters.AsNoTracking()
                .Where(c => c.SignedOffAt != null)
                .Join(db.ReviewRounds.Where(r => ids.Contains(r.AssessmentId)), c => c.RoundId, r => r.Id, (c, r) => new { r.AssessmentId, r.StepId, c.Code })
                .ToListAsync(cancellationToken))
            .Select(c => (c.AssessmentId, c.StepId, c.Code))
            .ToHashSet();

        var work = new List<TaskView>();
        foreach (var review in reviews)
        {
            foreach (var chapter in chapters.Where(c => c.AssessmentId == review.AssessmentId && c.StepId == review.StepId && !signedOff.Contains((c.AssessmentId, c.StepId, c.Chapter))))
            {
                var mine = authorships.Where(a => a.AssessmentId == review.AssessmentId && (a.Chapter is null || a.Chapter == chapter.Chapter)).ToList();
                if (chapter.Unanswered > 0 && mine.Any(a => a.Role != AuthorRole.ReviewEditor))
                {
                    work.Add(new TaskView(review.AssessmentId, review.Assessment, review.StepId, $"Answer {chapter.Unanswered} comment(s) on chapter {chapter.Chapter} of {review.Title}",
                        "responses", StepState.Closed, review.ClosesAt, null, false, ["respond"]) { TimeZone = review.TimeZone });
                }
                else if (chapter.Unanswered == 0 && mine.Any(a => a.Role == AuthorRole.ReviewEditor))
                {
                    work.Add(new TaskView(review.AssessmentId, review.Assessment, review.StepId, $"Sign off chapter {chapter.Chapter} of {review.Title}: every comment has a response",
                        "sign-off", StepState.Closed, review.ClosesAt, null, false, ["sign-off"]) { TimeZone = review.TimeZone });
                }
            }
        }

        return work;
    }

    // For the TSU (and the secretariat): reviews opening soon, or open, that are not set up (chapters and a draft).
    private async Task<IReadOnlyList<TaskView>> SetUpWorkAsync(Guid? only, DateTimeOffset now, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        var secretariat = caller.Principal.Has(Role.SecretariatAdmin);
        var tsu = caller.Principal.AssessmentsWith(Role.TsuMember);
        if (!secretariat && tsu.Count == 0)
        {
            return [];
        }

        StepKind reviewKind = StepKind.Of<ReviewStep>();
        var reviews = db.AssessmentSteps.AsNoTracking()
            .Where(s => s.Kind == reviewKind && s.SetUpAt == null && s.OpensAt <= horizon && (s.State == StepState.Scheduled || s.State == StepState.Pending || s.State == StepState.Open));
        if (!secretariat)
        {
            reviews = reviews.Where(s => tsu.Contains(s.AssessmentId));
        }

        if (only is { } id)
        {
            reviews = reviews.Where(s => s.AssessmentId == id);
        }

        var found = await reviews.Join(db.Assessments, s => s.AssessmentId, a => a.Id, (s, a) => new { s.AssessmentId, Assessment = a.Title, a.TimeZone, s.StepId, s.Title, s.State, s.OpensAt })
            .ToListAsync(cancellationToken);
        return found.ConvertAll(r => new TaskView(r.AssessmentId, r.Assessment, r.StepId, $"Set up {r.Title} before it opens: the chapters under review and the drafts",
            "set-up", r.State, r.OpensAt, r.OpensAt, now >= r.OpensAt, ["set-up"]) { TimeZone = r.TimeZone });
    }

}

using System.Security.Cryptography;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>What a submission of comments got: how many were taken and their numbers in the review. A file sent a
/// second time answers with the first time's numbers and <see cref="AlreadyTaken"/>, and adds nothing.</summary>
public sealed record SubmissionResult(int Accepted, int? FirstNumber, int? LastNumber, string ReviewerName, bool AlreadyTaken = false);

/// <summary>One comment taken in: what it says, whom it is from, and (in an imported compilation) the response it
/// already had.</summary>
public sealed record Incoming(CommentInput Comment, Reviewer Reviewer, CommentResponse? Response = null);

/// <summary>Taking comments in, the same way whether they came one by one, in a batch or in a file: numbered in the
/// review in the order given, stored with the reviewer, journaled, all in the command's one transaction; never into a
/// chapter signed off.</summary>
internal static class CommentIntake
{
    public const int MaxBatch = 20000;

    public static async Task<SubmissionResult> AcceptAsync(
        IpbesFlowDbContext db, ReviewRound round, IReadOnlyList<Incoming> comments, Guid? uploadId, string how, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        await EnsureChaptersOpenAsync(db, round, comments.Select(c => round.Chapter(c.Comment.Chapter!).Code).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

        // One statement claims the numbers: on PostgreSQL the row stays locked to this transaction until it commits,
        // so two submissions never share a number and numbers follow the order comments were accepted.
        await db.ReviewRounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastCommentNumber, r => r.LastCommentNumber + comments.Count), cancellationToken);
        var last = await db.ReviewRounds.Where(r => r.Id == round.Id).Select(r => r.LastCommentNumber).FirstAsync(cancellationToken);
        var first = last - comments.Count + 1;
        var rows = new List<ReviewComment>(comments.Count);
        for (var i = 0; i < comments.Count; i++)
        {
            rows.Add(ReviewComment.Accept(round, first + i, comments[i].Comment, comments[i].Reviewer, uploadId, now, actor, comments[i].Response));
        }

        await BulkInsert.InsertAsync(db, rows, cancellationToken);
        var names = comments.Select(c => c.Reviewer.Name).Distinct(StringComparer.Ordinal).ToList();
        var reviewer = names.Count == 1 ? names[0] : $"{names.Count} reviewers";
        var answered = comments.Count(c => c.Response is not null);
        db.JournalEntries.Add(JournalEntry.Record(round.AssessmentId, actor, "review.comments", round.StepId, null, $"{comments.Count} comment(s), numbers {first}-{last}",
            $"{how}, from {reviewer}" + (answered > 0 ? $", {answered} with the authors' response" : string.Empty), now));
        return new SubmissionResult(comments.Count, first, last, reviewer);
    }

    /// <summary>A chapter signed off is final: no comment is added to it, whichever way it comes. The chapters' version
    /// is raised in the same statement that checks them, so a sign-off racing this intake loses and, retried, counts
    /// these comments (and finds them unanswered).</summary>
    private static async Task EnsureChaptersOpenAsync(IpbesFlowDbContext db, ReviewRound round, List<string> codes, CancellationToken cancellationToken)
    {
        var open = await db.ReviewChapters.Where(c => c.RoundId == round.Id && codes.Contains(c.Code) && c.SignedOffAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (open == codes.Count)
        {
            return;
        }

        var closed = await db.ReviewChapters.AsNoTracking().Where(c => c.RoundId == round.Id && codes.Contains(c.Code) && c.SignedOffAt != null)
            .OrderBy(c => c.Ordinal).Select(c => new { c.Code, c.SignedOffBy, c.SignedOffAt }).ToListAsync(cancellationToken);
        throw new ConflictException(string.Join(" ", closed.Select(c => $"Chapter {c.Code} was signed off by {c.SignedOffBy} at {c.SignedOffAt:yyyy-MM-dd HH:mm}Z: its comments and responses are final, and no comment is added to it.")), "chapter");
    }

    /// <summary>Takes a file of comments whole: every row read and checked, the file remembered by its hash, the
    /// comments numbered. With a <paramref name="reviewer"/> every row is theirs; without, each row names its reviewer
    /// (the TSU's import of the compilation's format).</summary>
    public static async Task<SubmissionResult> AcceptFileAsync(
        IpbesFlowDbContext db, ReviewRound round, string submitterKey, CommentFile file, Reviewer? reviewer, IReadOnlyCollection<string>? chapters, string how, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var rows = CommentSheet.Read(file.Table, round, withReviewer: reviewer is null, chapters);
        var upload = CommentUpload.Record(round.Id, submitterKey, file.Sha256, file.FileName, rows.Count, 0, now, actor);
        var result = await AcceptAsync(db, round, rows.Select(r => new Incoming(r.Comment, reviewer ?? r.Reviewer!, r.Response)).ToList(), upload.Id, how, now, actor, cancellationToken);
        db.CommentUploads.Add(upload.Numbered(result.FirstNumber!.Value));
        return result;
    }

    /// <summary>The registration a reviewer submits under; refused when they have none, and asked which when they have
    /// several (an expert who is also their country's focal point).</summary>
    public static async Task<ReviewRegistration> RegistrationAsync(IpbesFlowDbContext db, ICurrentUser actor, ReviewRound round, ReviewerType? type, CancellationToken cancellationToken)
    {
        var registrations = (await ReviewerRegistrations.OfAsync(db, actor, round.Id, cancellationToken))
            .Where(r => type is null || r.ReviewerType == type)
            .ToList();
        return registrations.Count switch
        {
            0 => throw new ForbiddenException($"You are not registered{(type is null ? string.Empty : $" as {CommentSheet.ReviewerTypeName(type.Value)}")} for review {round.StepId}: register for it first."),
            1 => registrations[0],
            _ => throw new ValidationFailedException("as", $"You are registered for review {round.StepId} as {string.Join(" and ", registrations.Select(r => r.ReviewerName))}: say as whom you submit (expert, government or organisation)."),
        };
    }

    public static Reviewer ReviewerOf(ReviewRegistration registration) =>
        new(registration.ReviewerType, registration.ReviewerName, registration.CountryCode, registration.Organisation, registration.Id);

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static async Task<SubmissionResult?> EarlierUploadAsync(IpbesFlowDbContext db, Guid roundId, string submitterKey, string sha256, string reviewerName, CancellationToken cancellationToken)
    {
        var earlier = await db.CommentUploads.AsNoTracking().FirstOrDefaultAsync(u => u.RoundId == roundId && u.SubmitterKey == submitterKey && u.Sha256 == sha256, cancellationToken);
        return earlier is null ? null : new SubmissionResult(earlier.Comments, earlier.FirstNumber, earlier.FirstNumber + earlier.Comments - 1, reviewerName, AlreadyTaken: true);
    }

    public static void ThrowIfAny(List<FieldError> problems)
    {
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
    }
}

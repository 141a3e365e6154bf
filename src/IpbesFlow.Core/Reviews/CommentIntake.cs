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

/// <summary>Taking comments in, the same way whether they came one by one, in a batch or in a file: numbered in the
/// review in the order given, stored with the reviewer, journaled, all in the command's one transaction.</summary>
internal static class CommentIntake
{
    public const int MaxBatch = 20000;

    public static async Task<SubmissionResult> AcceptAsync(
        IpbesFlowDbContext db, ReviewRound round, IReadOnlyList<(CommentInput Comment, Reviewer Reviewer)> comments, Guid? uploadId, string how, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        // One statement claims the numbers: on PostgreSQL the row stays locked to this transaction until it commits,
        // so two submissions never share a number and numbers follow the order comments were accepted.
        await db.ReviewRounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastCommentNumber, r => r.LastCommentNumber + comments.Count), cancellationToken);
        var last = await db.ReviewRounds.Where(r => r.Id == round.Id).Select(r => r.LastCommentNumber).FirstAsync(cancellationToken);
        var first = last - comments.Count + 1;
        var rows = new List<ReviewComment>(comments.Count);
        for (var i = 0; i < comments.Count; i++)
        {
            rows.Add(ReviewComment.Accept(round, first + i, comments[i].Comment, comments[i].Reviewer, uploadId, now, actor));
        }

        await BulkInsert.InsertAsync(db, rows, cancellationToken);
        var names = comments.Select(c => c.Reviewer.Name).Distinct(StringComparer.Ordinal).ToList();
        var reviewer = names.Count == 1 ? names[0] : $"{names.Count} reviewers";
        db.JournalEntries.Add(JournalEntry.Record(round.AssessmentId, actor, "review.comments", round.StepId, null, $"{comments.Count} comment(s), numbers {first}-{last}", $"{how}, from {reviewer}", now));
        return new SubmissionResult(comments.Count, first, last, reviewer);
    }

    /// <summary>Takes a file of comments whole: every row read and checked, the file remembered by its hash, the
    /// comments numbered. With a <paramref name="reviewer"/> every row is theirs; without, each row names its reviewer
    /// (the TSU's import of the compilation's format).</summary>
    public static async Task<SubmissionResult> AcceptFileAsync(
        IpbesFlowDbContext db, ReviewRound round, string submitterKey, CommentFile file, Reviewer? reviewer, string how, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var rows = CommentSheet.Read(file.Table, round, withReviewer: reviewer is null);
        var upload = CommentUpload.Record(round.Id, submitterKey, file.Sha256, file.FileName, rows.Count, 0, now, actor);
        var result = await AcceptAsync(db, round, rows.Select(r => (r.Comment, reviewer ?? r.Reviewer!)).ToList(), upload.Id, how, now, actor, cancellationToken);
        db.CommentUploads.Add(upload.Numbered(result.FirstNumber!.Value));
        return result;
    }

    /// <summary>The registration a reviewer submits under; refused when they have none, and asked which when they have
    /// several (an expert who is also their country's focal point).</summary>
    public static async Task<ReviewRegistration> RegistrationAsync(IpbesFlowDbContext db, ICurrentUser actor, ReviewRound round, ReviewerType? type, CancellationToken cancellationToken)
    {
        var registrations = (await RegisterForReviewHandler.RegistrationsOfAsync(db, actor, round.Id, cancellationToken))
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

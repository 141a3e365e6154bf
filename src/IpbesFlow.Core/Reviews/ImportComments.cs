using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;

namespace IpbesFlow.Reviews;

/// <summary>The TSU imports comments it received otherwise (by email from a government, from an earlier system), in
/// the compilation's format with the reviewer columns (and the responses, when it has them): an export of one review
/// imports into another unchanged. An administrative act, so not bound to the review's window, and audited; never into
/// a chapter signed off, nor once the assessment is approved and its compilation published.</summary>
public sealed record ImportComments(Guid AssessmentId, string StepId, string FileName, byte[] Content) : ICommand<SubmissionResult>, ICarriesCommentFile
{
    public CommentFile File { get; } = new(FileName, Content);

    public override string ToString() => $"ImportComments {{ AssessmentId = {AssessmentId}, StepId = {StepId}, FileName = {FileName}, Bytes = {Content.Length} }}";
}

public sealed class ImportCommentsValidator : AbstractValidator<ImportComments>
{
    public ImportCommentsValidator()
    {
        RuleFor(c => c.Content).NotEmpty().WithName("file").WithMessage("The file is empty.");
    }
}

public sealed class ImportCommentsHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<ImportComments, SubmissionResult>
{
    private const string SubmitterKey = "import";

    public async ValueTask<SubmissionResult> Handle(ImportComments command, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        if (!(await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken)).IsStaff)
        {
            throw new ForbiddenException("Only the assessment's TSU and the secretariat import comments; reviewers upload theirs.");
        }

        await ReviewLookup.EnsureNotPublishedAsync(db, step.AssessmentId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var sha256 = command.File.Sha256;
        if (await CommentIntake.EarlierUploadAsync(db, round.Id, SubmitterKey, sha256, "import", cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = time.GetUtcNow();
        var result = await CommentIntake.AcceptFileAsync(db, round, SubmitterKey, command.File, null, null,
            $"imported by the TSU from {command.FileName}", now, actor.Name, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(actor, "review.comments-imported", $"assessment {step.AssessmentId} review {step.StepId}", $"{result.Accepted} comment(s) from {command.FileName} (sha256 {sha256[..12]})", now));
        return result;
    }
}

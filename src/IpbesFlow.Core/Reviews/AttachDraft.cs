using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;

namespace IpbesFlow.Reviews;

/// <summary>The TSU attaches a draft (a chapter, the SPM) to a review; registered reviewers download it while the
/// review is open.</summary>
public sealed record AttachDraft(Guid AssessmentId, string StepId, string FileName, string ContentType, byte[] Content) : ICommand<DraftView>
{
    public override string ToString() => $"AttachDraft {{ AssessmentId = {AssessmentId}, StepId = {StepId}, FileName = {FileName}, Bytes = {Content.Length} }}";
}

public sealed class AttachDraftValidator : AbstractValidator<AttachDraft>
{
    public AttachDraftValidator()
    {
        RuleFor(c => c.Content).NotEmpty().WithName("file").WithMessage("The file is empty.");
        RuleFor(c => c.FileName).NotEmpty().WithName("file").WithMessage("The file has no name.")
            .MaximumLength(ReviewDraft.MaxFileNameLength)
            .Must(UploadedFiles.IsPlainName).WithName("file").WithMessage("A file name cannot contain a path.");
    }
}

public sealed class AttachDraftHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<AttachDraft, DraftView>
{
    public async ValueTask<DraftView> Handle(AttachDraft command, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        if (!(await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken)).IsStaff)
        {
            throw new ForbiddenException("Only the assessment's TSU and the secretariat attach drafts to its reviews.");
        }

        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var now = time.GetUtcNow();
        var draft = ReviewDraft.Attach(round.Id, command.FileName, UploadedFiles.MediaType(command.ContentType), command.Content, CommentIntake.Sha256(command.Content), now, actor.Name);
        db.ReviewDrafts.Add(draft);
        db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, "review.draft-attached", step.StepId, null, draft.FileName, $"{draft.Length} bytes, sha256 {draft.Sha256[..12]}", now));
        await ReviewLookup.MarkSetUpAsync(db, step, now, actor.Name, cancellationToken);
        return new DraftView(draft.Id, draft.FileName, draft.ContentType, draft.Length, draft.Sha256, draft.UploadedAt);
    }
}

using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>After the review closes, an author of the comment's chapter (or the TSU) records how it was dealt with:
/// accepted, taken into account, noted, or rejected with the reason. A response can be revised until the chapter is
/// signed off; the one it replaces is kept.</summary>
public sealed record RespondToComment(Guid AssessmentId, string StepId, int Number, ResponseStatus? Status, string? Text) : ICommand<CommentView>, IRetryOnConflict;

public sealed class RespondToCommentValidator : AbstractValidator<RespondToComment>
{
    public RespondToCommentValidator()
    {
        RuleFor(c => c.Status).NotNull().WithMessage("Give the status: accepted, taken-into-account, noted or rejected.").IsInEnum();
        // As IPCC and IPBES publish them: a rejection gives its reason; the other statuses may stand alone.
        RuleFor(c => c.Text).NotEmpty().When(c => c.Status == ResponseStatus.Rejected).WithMessage("A rejected comment needs the reason.");
        RuleFor(c => c.Text).MaximumLength(ReviewComment.MaxResponseLength);
    }
}

public sealed class RespondToCommentHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<RespondToComment, CommentView>
{
    public async ValueTask<CommentView> Handle(RespondToComment command, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken, track: true);
        var comment = await db.ReviewComments.FirstOrDefaultAsync(c => c.RoundId == round.Id && c.Number == command.Number, cancellationToken)
            ?? throw new NotFoundException("Comment", $"{command.Number} of review {step.StepId}");
        if (!(await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken)).MayRespondTo(comment.Chapter))
        {
            throw new ForbiddenException($"Comments on chapter {comment.Chapter} are answered by that chapter's authors (or the co-chairs and the TSU).");
        }

        await ReviewLookup.EnsureNotPublishedAsync(db, step.AssessmentId, cancellationToken);
        var now = time.GetUtcNow();
        if (step.ClosesAt is not { } closes || now < closes)
        {
            throw new ConflictException($"Review {step.StepId} is still open{(step.ClosesAt is { } c ? $" until {c:yyyy-MM-ddTHH:mm:ssZ}" : string.Empty)}; comments are answered once it has closed.");
        }

        var history = await db.EarlierResponses.AsNoTracking().Where(e => e.CommentId == comment.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var before = comment.ResponseStatus;
        if (comment.Respond(command.Status!.Value, command.Text ?? string.Empty, round.Chapter(comment.Chapter), now, actor.Name) is { } earlier)
        {
            db.EarlierResponses.Add(earlier);
            history.Add(earlier);
        }

        db.JournalEntries.Add(comment.ResponseJournaled(before, "review.response", null, actor.Name, now));
        return CommentView.From(comment, history);
    }
}

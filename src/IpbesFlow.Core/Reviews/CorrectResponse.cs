using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>An erratum: once the assessment is approved its compilations are published and frozen, and only the
/// secretariat corrects a response, saying why. The correction is journaled and audited, the response it replaces is
/// kept, and the compilation shows the erratum beside the response.</summary>
public sealed record CorrectResponse(Guid AssessmentId, string StepId, int Number, ResponseStatus? Status, string? Text, string? Reason) : ICommand<CommentView>, IRetryOnConflict;

public sealed class CorrectResponseValidator : AbstractValidator<CorrectResponse>
{
    public CorrectResponseValidator()
    {
        RuleFor(c => c.Status).NotNull().WithMessage("Give the corrected status: accepted, taken-into-account, noted or rejected.").IsInEnum();
        RuleFor(c => c.Text).NotEmpty().When(c => c.Status == ResponseStatus.Rejected).WithMessage("A rejected comment needs the reason.");
        RuleFor(c => c.Text).MaximumLength(ReviewComment.MaxResponseLength);
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the published response is corrected: the erratum is published with it.").MaximumLength(ReviewComment.MaxErratumReasonLength);
    }
}

public sealed class CorrectResponseHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<CorrectResponse, CommentView>
{
    public async ValueTask<CommentView> Handle(CorrectResponse command, CancellationToken cancellationToken)
    {
        if (!actor.Principal.Has(Role.SecretariatAdmin) || !actor.Principal.MayWrite())
        {
            throw new ForbiddenException("A published response is corrected by the secretariat, as an erratum.");
        }

        var step = await ReviewLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        var approvals = await ReviewLookup.ApprovalsAsync(db, step.AssessmentId, cancellationToken);
        if (!Assessment.IsFinallyApproved(approvals))
        {
            throw new ConflictException("The assessment is not approved yet: its compilation is not published, and responses are given and revised as usual (POST .../comments/{number}/response).");
        }

        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var comment = await db.ReviewComments.FirstOrDefaultAsync(c => c.RoundId == round.Id && c.Number == command.Number, cancellationToken)
            ?? throw new NotFoundException("Comment", $"{command.Number} of review {step.StepId}");
        var now = time.GetUtcNow();
        var before = comment.ResponseStatus;
        var history = await db.EarlierResponses.AsNoTracking().Where(e => e.CommentId == comment.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        if (comment.Correct(command.Status!.Value, command.Text ?? string.Empty, command.Reason!, now, actor.Name) is { } earlier)
        {
            db.EarlierResponses.Add(earlier);
            history.Add(earlier);
        }

        db.JournalEntries.Add(comment.ResponseJournaled(before, "review.erratum", $"erratum: {command.Reason!.Trim()}", actor.Name, now));
        db.AuditEntries.Add(AuditEntry.Record(actor, "review.erratum", $"assessment {step.AssessmentId} review {step.StepId} comment {comment.Number}", command.Reason!.Trim(), now));
        return CommentView.From(comment, history);
    }
}

using FluentValidation;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;

namespace IpbesFlow.Reviews;

/// <summary>A registered reviewer uploads the filled-in template (.xlsx, or CSV in UTF-8). The whole file is taken or
/// nothing is, and every problem is named by sheet, row and column; the same file sent again adds nothing.</summary>
public sealed record UploadComments(Guid AssessmentId, string StepId, string FileName, byte[] Content, ReviewerType? As = null) : ICommand<SubmissionResult>, ICarriesCommentFile
{
    public CommentFile File { get; } = new(FileName, Content);

    public override string ToString() => $"UploadComments {{ AssessmentId = {AssessmentId}, StepId = {StepId}, FileName = {FileName}, Bytes = {Content.Length} }}";
}

public sealed class UploadCommentsValidator : AbstractValidator<UploadComments>
{
    public UploadCommentsValidator()
    {
        RuleFor(c => c.Content).NotEmpty().WithName("file").WithMessage("The file is empty.");
    }
}

public sealed class UploadCommentsHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<UploadComments, SubmissionResult>
{
    public async ValueTask<SubmissionResult> Handle(UploadComments command, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var registration = await CommentIntake.RegistrationAsync(db, actor, round, command.As, cancellationToken);
        if (await CommentIntake.EarlierUploadAsync(db, round.Id, registration.ReviewerKey, command.File.Sha256, registration.ReviewerName, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = time.GetUtcNow();
        await ReviewLookup.EnsureTakingCommentsAsync(db, step, now, cancellationToken);
        return await CommentIntake.AcceptFileAsync(db, round, registration.ReviewerKey, command.File, CommentIntake.ReviewerOf(registration), registration.ChapterCodes,
            $"uploaded in {command.FileName}", now, actor.Name, cancellationToken);
    }
}

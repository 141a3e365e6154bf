using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;

namespace IpbesFlow.Reviews;

/// <summary>A registered reviewer submits comments through the API, one or a batch: all are taken or none is. They
/// are taken if and only if the server's clock is inside the review's stored window.</summary>
public sealed record SubmitComments(Guid AssessmentId, string StepId, IReadOnlyList<CommentInput> Comments, ReviewerType? As = null) : ICommand<SubmissionResult>;

public sealed class SubmitCommentsValidator : AbstractValidator<SubmitComments>
{
    public SubmitCommentsValidator()
    {
        RuleFor(c => c.Comments).NotEmpty().WithMessage("Send at least one comment.")
            .Must(c => c.Count <= CommentIntake.MaxBatch).WithMessage($"Send at most {CommentIntake.MaxBatch} comments at once.");
    }
}

public sealed class SubmitCommentsHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<SubmitComments, SubmissionResult>
{
    public async ValueTask<SubmissionResult> Handle(SubmitComments command, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var registration = await CommentIntake.RegistrationAsync(db, actor, round, command.As, cancellationToken);
        var now = time.GetUtcNow();
        await ReviewLookup.EnsureTakingCommentsAsync(db, step, now, cancellationToken);

        var problems = new List<FieldError>();
        for (var i = 0; i < command.Comments.Count; i++)
        {
            problems.AddRange(command.Comments[i].Problems(round, registration.ChapterCodes).Select(p => p with { Field = $"comments[{i}].{p.Field}" }));
        }

        CommentIntake.ThrowIfAny(problems);
        var reviewer = CommentIntake.ReviewerOf(registration);
        return await CommentIntake.AcceptAsync(db, round, command.Comments.Select(c => new Incoming(c, reviewer)).ToList(), null, "submitted through the API", now, actor.Name, cancellationToken);
    }
}

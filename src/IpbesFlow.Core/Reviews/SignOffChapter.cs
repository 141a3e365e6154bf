using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>A review editor of the chapter confirms that every comment on it has been answered; from then on its
/// responses are final.</summary>
public sealed record SignOffChapter(Guid AssessmentId, string StepId, string Chapter) : ICommand<ChapterView>, IRetryOnConflict;

public sealed class SignOffChapterHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<SignOffChapter, ChapterView>
{
    public async ValueTask<ChapterView> Handle(SignOffChapter command, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken, track: true);
        var chapter = round.FindChapter(command.Chapter) ?? throw new NotFoundException("Chapter", $"{command.Chapter} of review {step.StepId}");
        if (!(await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken)).MaySignOff(chapter.Code))
        {
            throw new ForbiddenException($"Chapter {chapter.Code} is signed off by its review editors.");
        }

        var now = time.GetUtcNow();
        if (step.ClosesAt is not { } closes || now < closes)
        {
            throw new ConflictException($"Review {step.StepId} has not closed yet; its chapters are signed off once every comment is answered.");
        }

        var unanswered = await db.ReviewComments.CountAsync(c => c.RoundId == round.Id && c.Chapter == chapter.Code && c.ResponseStatus == null, cancellationToken);
        chapter.SignOff(unanswered, now, actor.Name);
        db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, "review.chapter-signed-off", step.StepId, null, chapter.Code, "every comment has a response", now));
        return new ChapterView(chapter.Code, chapter.Title, chapter.SignedOffAt, chapter.SignedOffBy);
    }
}

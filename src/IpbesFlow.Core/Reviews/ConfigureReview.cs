using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>The TSU sets a review up: the chapters under review in their order (e.g. 1..6 and SPM), and optionally
/// the confidentiality terms reviewers accept and the longest comment taken. Sent again, it updates them; a chapter
/// that already has comments cannot be dropped.</summary>
public sealed record ConfigureReview(Guid AssessmentId, string StepId, IReadOnlyList<ChapterInput> Chapters, string? Terms = null, int? MaxCommentLength = null) : ICommand<ReviewView>;

public sealed record ChapterInput(string? Code, string? Title);

public sealed class ConfigureReviewValidator : AbstractValidator<ConfigureReview>
{
    public ConfigureReviewValidator()
    {
        RuleFor(c => c.Chapters).NotEmpty().WithMessage("List the chapters under review (code and title), e.g. {\"code\": \"1\", \"title\": \"Introduction\"}.");
        RuleForEach(c => c.Chapters).ChildRules(chapter =>
        {
            chapter.RuleFor(c => c.Code).NotEmpty().WithMessage("Give the chapter's code, e.g. 1 or SPM.")
                .MaximumLength(ReviewChapter.MaxCodeLength).WithMessage($"A chapter code has at most {ReviewChapter.MaxCodeLength} characters.")
                .Must(code => code is null || !code.Contains('|', StringComparison.Ordinal)).WithMessage("A chapter code cannot contain '|'.");
            chapter.RuleFor(c => c.Title).NotEmpty().WithMessage("Give the chapter's title.").MaximumLength(300);
        });
        RuleFor(c => c.Chapters)
            .Must(chapters => chapters.Where(c => !string.IsNullOrWhiteSpace(c.Code)).GroupBy(c => ReviewChapter.Normalize(c.Code!), StringComparer.Ordinal).All(g => g.Count() == 1))
            .When(c => c.Chapters is { Count: > 0 })
            .WithMessage("Each chapter code appears once (codes are compared without regard to case).");
        RuleFor(c => c.Terms).MaximumLength(4000);
        RuleFor(c => c.MaxCommentLength).InclusiveBetween(100, ReviewRound.LongestCommentLimit)
            .WithMessage($"The longest comment taken is between 100 and {ReviewRound.LongestCommentLimit} characters (what a spreadsheet cell holds).");
    }
}

public sealed class ConfigureReviewHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<ConfigureReview, ReviewView>
{
    public async ValueTask<ReviewView> Handle(ConfigureReview command, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        if (!(await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken)).IsStaff)
        {
            throw new ForbiddenException("Only the assessment's TSU and the secretariat set up its reviews.");
        }

        var now = time.GetUtcNow();
        var round = await db.ReviewRounds.Include(r => r.Chapters).FirstOrDefaultAsync(r => r.AssessmentId == step.AssessmentId && r.StepId == step.StepId, cancellationToken);
        if (round is null)
        {
            round = ReviewRound.Create(step.AssessmentId, step.StepId, now, actor.Name);
            db.ReviewRounds.Add(round);
        }

        var withComments = (await db.ReviewComments.Where(c => c.RoundId == round.Id).Select(c => c.Chapter).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        round.Configure(command.Chapters.Select(c => (c.Code!, c.Title!)).ToList(), command.Terms, command.MaxCommentLength, withComments, now, actor.Name);
        db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, "review.configured", step.StepId, null, string.Join(", ", round.Chapters.OrderBy(c => c.Ordinal).Select(c => c.Code)), $"comments up to {round.MaxCommentLength} characters", now));
        db.AuditEntries.Add(AuditEntry.Record(actor, "review.configured", $"assessment {step.AssessmentId} review {step.StepId}", $"{round.Chapters.Count} chapter(s)", now));
        if (await db.ReviewDrafts.AnyAsync(d => d.RoundId == round.Id, cancellationToken))
        {
            await ReviewLookup.MarkSetUpAsync(db, step, now, actor.Name, cancellationToken);
        }

        var assessment = await db.Assessments.AsNoTracking().FirstAsync(a => a.Id == step.AssessmentId, cancellationToken);
        return ReviewView.From(assessment, step, round, ReviewLookup.IsPublished(catalog, assessment, step.StepId), [], null);
    }
}

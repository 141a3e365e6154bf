using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>The secretariat records its review of an expert's disclosure: no conflict, a conflict managed (saying how),
/// or declined (saying why; the TSU then records the expert's departure and may invite a reserve).</summary>
public sealed record ReviewDisclosure(Guid AssessmentId, Guid CandidateId, DisclosureReview Review, string? Note = null) : ICommand<DisclosureView>, IRetryOnConflict;

public sealed class ReviewDisclosureValidator : AbstractValidator<ReviewDisclosure>
{
    public ReviewDisclosureValidator()
    {
        RuleFor(c => c.Review).IsInEnum().NotEqual(DisclosureReview.Pending).WithMessage("Record no-conflict, managed or declined.");
        RuleFor(c => c.Note).MaximumLength(Candidate.MaxNoteLength);
    }
}

public sealed class ReviewDisclosureHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<ReviewDisclosure, DisclosureView>
{
    public async ValueTask<DisclosureView> Handle(ReviewDisclosure command, CancellationToken cancellationToken)
    {
        if (!actor.Principal.Has(Role.SecretariatAdmin) || !actor.Principal.MayWrite())
        {
            throw new ForbiddenException("The secretariat reviews the disclosures under the conflict of interest policy.");
        }

        var expert = await db.Candidates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.CandidateId && c.AssessmentId == command.AssessmentId, cancellationToken)
            ?? throw new NotFoundException("Expert", command.CandidateId);
        var disclosure = await db.Disclosures.FirstOrDefaultAsync(d => d.CandidateId == expert.Id, cancellationToken)
            ?? throw new ConflictException($"{expert.FullName} has not submitted the disclosure form yet.");
        var before = disclosure.Review;
        disclosure.Record(command.Review, command.Note, actor.Name, time.GetUtcNow());
        db.JournalEntries.Add(JournalEntry.Record(command.AssessmentId, actor.Name, "disclosure.reviewed", null, $"{expert.FullName}: {SelectionBalance.Key(before)}",
            $"{expert.FullName}: {SelectionBalance.Key(disclosure.Review)}", disclosure.ReviewNote, disclosure.ReviewedAt!.Value));
        return DisclosureView.From(expert, disclosure, withInterests: true);
    }
}

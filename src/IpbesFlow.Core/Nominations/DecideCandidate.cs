using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>The MEP records its decision on a candidate while the selection is open: selected (in a role, and for
/// authors and review editors a chapter), reserve or not selected, with a note. Nothing reaches the candidate until the
/// selection completes.</summary>
public sealed record DecideCandidate(Guid AssessmentId, string StepId, Guid CandidateId, SelectionOutcome Outcome, AuthorRole? Role = null, string? Chapter = null, string? Note = null)
    : ICommand<CandidateDecision>, IRetryOnConflict;

/// <summary>The candidate as decided, and the balance of the selection with this decision in it.</summary>
public sealed record CandidateDecision(CandidateView Candidate, SelectionBalance Balance);

public sealed class DecideCandidateValidator : AbstractValidator<DecideCandidate>
{
    public DecideCandidateValidator()
    {
        RuleFor(c => c.Outcome).IsInEnum().WithMessage("Decide selected, reserve, not-selected (or undecided to take a decision back).");
        RuleFor(c => c.Note).MaximumLength(Candidate.MaxNoteLength);
        RuleFor(c => c.Chapter).MaximumLength(Reviews.ReviewChapter.MaxCodeLength);
    }
}

public sealed class DecideCandidateHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<DecideCandidate, CandidateDecision>
{
    public async ValueTask<CandidateDecision> Handle(DecideCandidate command, CancellationToken cancellationToken)
    {
        var (selection, definition, call) = await NominationLookup.SelectionAsync(db, catalog, command.AssessmentId, command.StepId, cancellationToken);
        var caller = await NominationCaller.LoadAsync(db, actor, command.AssessmentId, cancellationToken);
        if (!caller.MaySelect || !actor.Principal.MayWrite())
        {
            throw caller.SeesAll
                ? new ForbiddenException("The MEP selects the experts (the secretariat may record its decisions).")
                : new NotFoundException("Candidate", command.CandidateId);
        }

        if (selection.State != StepState.Open)
        {
            throw new ConflictException($"Selection {selection.StepId} is {selection.State.ToString().ToLowerInvariant()}; decisions are recorded while it is open.");
        }

        var candidate = await db.Candidates.FirstOrDefaultAsync(c => c.Id == command.CandidateId && c.AssessmentId == call.AssessmentId && c.CallStepId == call.StepId, cancellationToken)
            ?? throw new NotFoundException("Candidate", command.CandidateId);
        var nominations = await db.Nominations.AsNoTracking().Where(n => n.CandidateId == candidate.Id && n.Status == NominationStatus.Approved).ToListAsync(cancellationToken);
        if (nominations.Count == 0)
        {
            throw new ConflictException($"{candidate.FullName} has no approved nomination: only candidates a government or organisation approved reach the MEP.");
        }

        var now = time.GetUtcNow();
        var before = Describe(candidate);
        candidate.Decide(command.Outcome, command.Role, command.Chapter, command.Note, actor.Name, now);
        db.JournalEntries.Add(JournalEntry.Record(call.AssessmentId, actor.Name, "selection.decided", selection.StepId, $"{candidate.FullName}: {before}", $"{candidate.FullName}: {Describe(candidate)}", candidate.DecisionNote, now));
        // Written (inside the command's transaction) so that the balance, counted by the database, includes it.
        await db.SaveChangesAsync(cancellationToken);
        var balance = await SelectionBalance.LoadAsync(db, call.AssessmentId, call.StepId, definition.OrganisationShare ?? StepDefinition.DefaultOrganisationShare, cancellationToken);
        return new CandidateDecision(CandidateView.From(candidate, nominations, withDecision: true), balance);
    }

    internal static string Describe(Candidate c) => c.Outcome switch
    {
        SelectionOutcome.Selected => $"selected as {Claims.Name(c.SelectedRole!.Value)}{(c.SelectedChapter is { } chapter ? $", chapter {chapter}" : string.Empty)}",
        SelectionOutcome.NotSelected => "not selected",
        _ => c.Outcome.ToString().ToLowerInvariant(),
    };
}

using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>A nominating body approves or declines a nomination, by the nominators' deadline (the call's close plus its
/// grace): a national focal point for its country's, an organisation's contact for its organisation's. Only approved
/// nominations reach the MEP.</summary>
public sealed record DecideNomination(Guid AssessmentId, string StepId, Guid NominationId, bool Approve, string? Note = null) : ICommand<NominationView>, IRetryOnConflict;

public sealed class DecideNominationValidator : AbstractValidator<DecideNomination>
{
    public DecideNominationValidator() => RuleFor(c => c.Note).MaximumLength(Candidate.MaxNoteLength);
}

public sealed class DecideNominationHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<DecideNomination, NominationView>
{
    public async ValueTask<NominationView> Handle(DecideNomination command, CancellationToken cancellationToken)
    {
        var call = await NominationLookup.CallAsync(db, catalog, command.AssessmentId, command.StepId, cancellationToken);
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == command.NominationId && n.AssessmentId == call.AssessmentId && n.CallStepId == call.StepId, cancellationToken);
        var caller = await NominationCaller.LoadAsync(db, actor, call.AssessmentId, cancellationToken);
        if (nomination is null || !caller.ActsFor(nomination.BodyKey))
        {
            // Another body's nomination is not theirs to see: the same answer as for one that does not exist.
            throw caller.IsNominator || caller.SeesAll
                ? new NotFoundException("Nomination", command.NominationId)
                : new ForbiddenException("Only the nominating body approves or declines a nomination: the national focal point of its country, or the organisation's contact.");
        }

        if (!actor.Principal.MayWrite())
        {
            throw new ForbiddenException("This token may only read.");
        }

        var now = time.GetUtcNow();
        if (call.Step.OpensAt is not { } opens || now < opens)
        {
            throw new ConflictException($"Call {call.StepId} has not opened; there is nothing to approve yet.");
        }

        var deadline = call.NominatorsDeadline ?? throw new ConflictException($"Call {call.StepId} was {call.Step.State.ToString().ToLowerInvariant()}; its nominations are not decided.");
        var before = nomination.Status;
        nomination.Decide(command.Approve, command.Note, actor.Name, now, deadline, call.Describe(deadline));
        var candidate = await db.Candidates.AsNoTracking().Where(c => c.Id == nomination.CandidateId).Select(c => c.FullName).FirstAsync(cancellationToken);
        db.JournalEntries.Add(JournalEntry.Record(call.AssessmentId, actor.Name, "nomination.decided", call.StepId, $"{candidate} by {nomination.BodyName}: {before.ToString().ToLowerInvariant()}",
            $"{candidate} by {nomination.BodyName}: {nomination.Status.ToString().ToLowerInvariant()}", nomination.Note, now));
        return NominationView.From(nomination);
    }
}

using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>A selected expert resigns after the selection: the TSU (or the secretariat) records it, saying why, and
/// their role on the assessment is withdrawn; with <paramref name="ReserveId"/> a candidate of the reserve list is
/// invited in their place, in their role and chapter, gets the role (and an account if they have none) and hears it.
/// Journaled, in one transaction.</summary>
public sealed record ReplaceExpert(Guid AssessmentId, string StepId, Guid ResigningId, Guid? ReserveId, string Reason) : ICommand<CandidateView>, IRetryOnConflict;

public sealed class ReplaceExpertValidator : AbstractValidator<ReplaceExpert>
{
    public ReplaceExpertValidator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the expert leaves (their letter of resignation, for the record).").MaximumLength(Candidate.MaxNoteLength);
}

public sealed class ReplaceExpertHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<ReplaceExpert, CandidateView>
{
    public async ValueTask<CandidateView> Handle(ReplaceExpert command, CancellationToken cancellationToken)
    {
        var (selection, _, call) = await NominationLookup.SelectionAsync(db, catalog, command.AssessmentId, command.StepId, cancellationToken);
        var caller = await NominationCaller.LoadAsync(db, actor, command.AssessmentId, cancellationToken);
        if (!(caller.IsTsu || caller.IsSecretariat) || !actor.Principal.MayWrite())
        {
            throw new ForbiddenException("The assessment's TSU or the secretariat records a resignation and invites a reserve.");
        }

        if (selection.State != StepState.Completed)
        {
            throw new ConflictException($"Selection {selection.StepId} has not completed; until it does, the MEP changes its decisions on the board.");
        }

        var resigning = await db.Candidates.FirstOrDefaultAsync(c => c.Id == command.ResigningId && c.AssessmentId == call.AssessmentId && c.CallStepId == call.StepId, cancellationToken)
            ?? throw new NotFoundException("Candidate", command.ResigningId);
        var now = time.GetUtcNow();
        resigning.Resign(now);
        var roles = await db.RoleAssignments.Where(r => r.UserId == resigning.UserId && r.Role == Role.Author && r.AssessmentId == call.AssessmentId
            && r.AuthorRole == resigning.SelectedRole && r.Chapter == resigning.SelectedChapter).ToListAsync(cancellationToken);
        db.RoleAssignments.RemoveRange(roles);
        db.JournalEntries.Add(JournalEntry.Record(call.AssessmentId, actor.Name, "selection.resigned", selection.StepId, $"{resigning.FullName}: {DecideCandidateHandler.Describe(resigning)}", null, command.Reason.Trim(), now));
        if (command.ReserveId is not { } reserveId)
        {
            return CandidateView.From(resigning, [], withDecision: true);
        }

        var reserve = await db.Candidates.FirstOrDefaultAsync(c => c.Id == reserveId && c.AssessmentId == call.AssessmentId && c.CallStepId == call.StepId, cancellationToken)
            ?? throw new NotFoundException("Candidate", reserveId);
        reserve.TakePlaceOf(resigning, actor.Name, now);
        await SelectionCompletion.GrantRoleAsync(db, reserve, actor, now, cancellationToken);
        db.NotificationEvents.Add(NotificationEvent.Queue(call.AssessmentId, ReserveInvitedPayload.Event, selection.StepId, new ReserveInvitedPayload(reserve.Id), actor.Name, now));
        db.JournalEntries.Add(JournalEntry.Record(call.AssessmentId, actor.Name, "selection.reserve-invited", selection.StepId, null, $"{reserve.FullName}: {DecideCandidateHandler.Describe(reserve)}",
            $"in place of {resigning.FullName}; notification queued: {ReserveInvitedPayload.Event}", now));
        var nominations = await db.Nominations.AsNoTracking().Where(n => n.CandidateId == reserve.Id).ToListAsync(cancellationToken);
        return CandidateView.From(reserve, nominations, withDecision: true);
    }
}

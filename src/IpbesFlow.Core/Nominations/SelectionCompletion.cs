using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Notifications;
using IpbesFlow.People;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>What completing an expert selection does, in the transaction that completes the step: the organisations'
/// share is checked (broken, only the MEP chair completes it, saying why, and the journal keeps the reason); every
/// candidate's outcome becomes final (an undecided one is not selected); each selected expert gets an account if they
/// have none and their role on the assessment (an author with their role and chapter, a review editor with their
/// chapter); and the results are queued: each candidate's in their language, and each nominating body's list of its
/// nominees' outcomes. A failure anywhere leaves nothing of it done.</summary>
public static class SelectionCompletion
{
    public static async Task ApplyAsync(
        IpbesFlowDbContext db, WorkflowDefinition? definition, ICurrentUser actor, Guid assessmentId, string stepId, string? note, bool overrideRule, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (definition?.CallSelectedBy(stepId) is not { } call)
        {
            return;
        }

        var share = definition.FindStep(stepId)!.OrganisationShare ?? StepDefinition.DefaultOrganisationShare;
        var balance = await SelectionBalance.LoadAsync(db, assessmentId, call.Id, share, cancellationToken);
        if (balance.BreaksOrganisationRule)
        {
            EnsureOverridden(db, actor, assessmentId, stepId, note, overrideRule, balance, now);
        }

        var candidates = await db.Candidates.Where(c => c.AssessmentId == assessmentId && c.CallStepId == call.Id && c.ResultAt == null).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return;
        }

        var created = 0;
        foreach (var candidate in candidates)
        {
            candidate.Finalise(now);
            if (candidate.Outcome == SelectionOutcome.Selected)
            {
                created += await GrantRoleAsync(db, candidate, actor, now, cancellationToken) ? 1 : 0;
            }
        }

        db.NotificationEvents.Add(NotificationEvent.Queue(assessmentId, SelectionOutcomesPayload.Event, stepId, new SelectionOutcomesPayload(call.Id), actor.Name, now));
        int Count(SelectionOutcome o) => candidates.Count(c => c.Outcome == o);
        db.JournalEntries.Add(JournalEntry.Record(assessmentId, actor.Name, "selection.results", stepId, null,
            $"{Count(SelectionOutcome.Selected)} selected, {Count(SelectionOutcome.Reserve)} reserve, {Count(SelectionOutcome.NotSelected)} not selected",
            $"roles granted; {created} account(s) created; notification queued: {SelectionOutcomesPayload.Event}", now));
    }

    private static void EnsureOverridden(
        IpbesFlowDbContext db, ICurrentUser actor, Guid assessmentId, string stepId, string? note, bool overrideRule, SelectionBalance balance, DateTimeOffset now)
    {
        if (!overrideRule)
        {
            throw new ConflictException($"The selection breaks its rule: {balance.OrganisationRule} Change the decisions, or the MEP chair completes it anyway, saying why.");
        }

        if (!actor.Principal.Has(Role.MepChair))
        {
            throw new ForbiddenException("Only the MEP chair completes a selection that breaks its rule on organisations' nominations.");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            throw new ValidationFailedException("note", "Say why the selection is completed although it breaks its rule on organisations' nominations.");
        }

        db.JournalEntries.Add(JournalEntry.Record(assessmentId, actor.Name, "selection.rule-overridden", stepId, null, balance.OrganisationRule, note.Trim(), now));
    }

    // The selected expert's account (found by email, or created: they sign in with an email link) and their role; their
    // record among the people, so their mail is in the language they applied in. True when an account was created.
    internal static async Task<bool> GrantRoleAsync(IpbesFlowDbContext db, Candidate candidate, ICurrentUser actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var userId = await db.Users.Where(u => u.NormalizedEmail == candidate.NormalizedEmail).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        var created = userId is null;
        if (userId is null)
        {
            var account = UserAccount.Create(candidate.Email, candidate.FullName, now);
            account.NormalizedEmail = candidate.NormalizedEmail;
            account.NormalizedUserName = candidate.NormalizedEmail;
            db.Users.Add(account);
            userId = account.Id;
        }

        candidate.LinkAccount(userId.Value);
        if (!await db.People.AnyAsync(p => p.NormalizedEmail == candidate.NormalizedEmail, cancellationToken))
        {
            db.People.Add(Person.Register(Guid.CreateVersion7(now), candidate.FullName, candidate.Email, candidate.PreferredLanguage, candidate.CountryOfWork, candidate.Institution, now));
        }

        var role = candidate.SelectedRole!.Value;
        var chapter = candidate.SelectedChapter;
        if (!await db.RoleAssignments.AnyAsync(
            r => r.UserId == userId && r.Role == Role.Author && r.AssessmentId == candidate.AssessmentId && r.AuthorRole == role && r.Chapter == chapter, cancellationToken))
        {
            db.RoleAssignments.Add(RoleAssignment.Grant(userId.Value, new RoleScope(Role.Author, candidate.AssessmentId, role, Chapter: chapter), actor.UserId, now));
        }

        return created;
    }
}

using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>The MEP's selection board: the candidates a body approved, filtered by chapter, role sought, region,
/// gender, discipline or decision, each with their nominations (a candidate nominated by several bodies is one row);
/// and the balance of the draft selection as it stands, whatever the filters.</summary>
public sealed record GetSelectionBoard(
    Guid AssessmentId, string StepId, string? Chapter = null, AuthorRole? Role = null, UnRegion? Region = null, Gender? Gender = null, Discipline? Discipline = null,
    SelectionOutcome? Outcome = null) : IQuery<SelectionBoard>;

public sealed record SelectionBoard(
    Guid AssessmentId, string AssessmentTitle, string StepId, string Title, StepState State, string CallStepId, bool MayDecide, bool MayOverride, bool MayReplace,
    SelectionBalance Balance, int Approved, IReadOnlyList<string> Chapters, IReadOnlyList<CandidateView> Candidates);

public sealed class GetSelectionBoardHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor) : IQueryHandler<GetSelectionBoard, SelectionBoard>
{
    public async ValueTask<SelectionBoard> Handle(GetSelectionBoard query, CancellationToken cancellationToken)
    {
        var (selection, definition, call) = await NominationLookup.SelectionAsync(db, catalog, query.AssessmentId, query.StepId, cancellationToken);
        var caller = await NominationCaller.LoadAsync(db, actor, query.AssessmentId, cancellationToken);
        if (!caller.SeesAll)
        {
            throw new ForbiddenException("The selection board is for the MEP, the assessment's TSU and the secretariat.");
        }

        var approved = await ApprovedAsync(db, call.AssessmentId, call.StepId, cancellationToken);
        var candidates = approved.Candidates
            .Where(c => query.Chapter is null || c.ChapterList.Contains(Reviews.ReviewChapter.Normalize(query.Chapter), StringComparer.Ordinal) || c.SelectedChapter == Reviews.ReviewChapter.Normalize(query.Chapter))
            .Where(c => query.Role is null || c.RolesSoughtList.Contains(query.Role.Value) || c.SelectedRole == query.Role)
            .Where(c => query.Region is null || c.Region == query.Region)
            .Where(c => query.Gender is null || c.Gender == query.Gender)
            .Where(c => query.Discipline is null || c.DisciplineList.Contains(query.Discipline.Value))
            .Where(c => query.Outcome is null || c.Outcome == query.Outcome)
            .Select(c => CandidateView.From(c, approved.Nominations[c.Id], withDecision: true))
            .ToList();
        var balance = await SelectionBalance.LoadAsync(db, call.AssessmentId, call.StepId, definition.OrganisationShare ?? StepDefinition.DefaultOrganisationShare, cancellationToken);
        var title = await db.Assessments.AsNoTracking().Where(a => a.Id == query.AssessmentId).Select(a => a.Title).FirstAsync(cancellationToken);
        var chapters = approved.Candidates.SelectMany(c => c.ChapterList).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new SelectionBoard(query.AssessmentId, title, selection.StepId, selection.Title, selection.State, call.StepId,
            caller.MaySelect && selection.State == StepState.Open && actor.Principal.MayWrite(), caller.IsMepChair,
            (caller.IsTsu || caller.IsSecretariat) && selection.State == StepState.Completed && actor.Principal.MayWrite(), balance, approved.Candidates.Count, chapters, candidates);
    }

    /// <summary>The candidates with at least one approved nomination (the only ones the MEP sees), with those nominations.</summary>
    internal static async Task<(List<Candidate> Candidates, ILookup<Guid, Nomination> Nominations)> ApprovedAsync(IpbesFlowDbContext db, Guid assessmentId, string callStepId, CancellationToken cancellationToken)
    {
        var nominations = await db.Nominations.AsNoTracking()
            .Where(n => n.AssessmentId == assessmentId && n.CallStepId == callStepId && n.Status == NominationStatus.Approved)
            .ToListAsync(cancellationToken);
        var ids = nominations.Select(n => n.CandidateId).Distinct().ToList();
        var candidates = await db.Candidates.AsNoTracking().Where(c => c.AssessmentId == assessmentId && c.CallStepId == callStepId && ids.Contains(c.Id))
            .OrderBy(c => c.FullName).ToListAsync(cancellationToken);
        return (candidates, nominations.ToLookup(n => n.CandidateId));
    }
}

using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>The disclosures of an assessment's selected experts: the caller's own (a selected expert), and every
/// expert's status for the secretariat, the assessment's TSU and the MEP (who is missing; what was concluded). What an
/// expert declares is for the secretariat, who reviews it. Due before the first meeting after the selection. Another
/// author of the assessment (one not selected through the system) opens the page and finds nothing asked of them.</summary>
public sealed record ListDisclosures(Guid AssessmentId) : IQuery<DisclosureList>;

public sealed record DisclosureList(
    Guid AssessmentId, string AssessmentTitle, DateTimeOffset? DueBefore, string TimeZone, DisclosureView? Mine, bool SeesAll, bool MayReview, bool MayRemind,
    IReadOnlyList<DisclosureView> Experts)
{
    public int Missing => Experts.Count(e => e.Missing);
}

public sealed class ListDisclosuresHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor) : IQueryHandler<ListDisclosures, DisclosureList>
{
    public async ValueTask<DisclosureList> Handle(ListDisclosures query, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == query.AssessmentId, cancellationToken)
            ?? throw new NotFoundException("Assessment", query.AssessmentId);
        var caller = await NominationCaller.LoadAsync(db, actor, assessment.Id, cancellationToken);
        var mine = await DisclosureLookup.MineAsync(db, actor, assessment.Id, cancellationToken);
        if (!caller.SeesAll && mine is null && !actor.Principal.HasFor(Role.Author, assessment.Id))
        {
            throw new ForbiddenException("An assessment's disclosures are for its selected experts (their own), its TSU, the secretariat and the MEP.");
        }

        var experts = await DisclosureLookup.ExpertsAsync(db, assessment.Id, cancellationToken);
        var mineView = mine is null ? null : experts.Where(e => e.Expert.Id == mine.Id).Select(e => DisclosureView.From(e.Expert, e.Disclosure, withInterests: true)).FirstOrDefault();
        return new DisclosureList(assessment.Id, assessment.Title, await DueBeforeAsync(assessment, cancellationToken), assessment.TimeZone, mineView, caller.SeesAll,
            caller.IsSecretariat && actor.Principal.MayWrite(), (caller.IsSecretariat || caller.IsTsu) && actor.Principal.MayWrite(),
            caller.SeesAll ? experts.ConvertAll(e => DisclosureView.From(e.Expert, e.Disclosure, withInterests: caller.IsSecretariat)) : []);
    }

    // The first meeting that follows an expert selection (the first author meeting, or the scoping experts' first).
    private async Task<DateTimeOffset?> DueBeforeAsync(Assessments.Assessment assessment, CancellationToken cancellationToken)
    {
        var definition = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion);
        var selections = definition?.Steps.Where(s => s.Kind.SelectsExperts).Select(s => s.Id).ToList() ?? [];
        var meeting = definition?.Steps.FirstOrDefault(s => s.Kind.IsMeeting && s.After.Intersect(selections, StringComparer.Ordinal).Any());
        return meeting is null ? null
            : await db.AssessmentSteps.AsNoTracking().Where(s => s.AssessmentId == assessment.Id && s.StepId == meeting.Id).Select(s => s.OpensAt).FirstOrDefaultAsync(cancellationToken);
    }
}

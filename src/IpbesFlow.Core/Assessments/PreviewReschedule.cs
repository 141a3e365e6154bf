using IpbesFlow.Assessments.Events;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>What moving a step would move, before anyone confirms it: every step whose dates change, old and new, by the
/// same planning as <see cref="RescheduleStep"/>. Nothing is stored; a plan that would not hold is refused as the move
/// itself would be.</summary>
public sealed record PreviewReschedule(Guid AssessmentId, string StepId, DateOnly? Start, DateOnly? End) : IQuery<IReadOnlyList<StepMove>>;

public sealed record StepMove(string StepId, string Title, string From, string To);

public sealed class PreviewRescheduleHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : IQueryHandler<PreviewReschedule, IReadOnlyList<StepMove>>
{
    public async ValueTask<IReadOnlyList<StepMove>> Handle(PreviewReschedule query, CancellationToken cancellationToken)
    {
        if (query.Start is null && query.End is null)
        {
            throw new ValidationFailedException("start", "Give a new start, a new end, or both (yyyy-mm-dd).");
        }

        // Read without tracking: the moves are worked out on a copy that is never saved.
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Steps).FirstOrDefaultAsync(a => a.Id == query.AssessmentId, cancellationToken)
            ?? throw new NotFoundException("Assessment", query.AssessmentId);
        if (!StepAuthority.MayReschedule(actor.Principal, assessment.Id))
        {
            throw new ForbiddenException("Only the assessment's TSU and the secretariat move its steps.");
        }

        var now = time.GetUtcNow();
        var plan = RescheduleStepHandler.Replan(assessment, query.StepId, query.Start, query.End, catalog, now);
        return assessment.ApplyPlan(plan, query.StepId, "preview", actor.Name, now).OfType<StepRescheduled>()
            .Select(m => new StepMove(m.StepId!, assessment.Step(m.StepId!).Title, m.From, m.To))
            .ToList();
    }
}

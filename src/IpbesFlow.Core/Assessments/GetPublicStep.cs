using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>A call or an external review as anyone signed in may see it: which assessment, what window, open or not.
/// These windows are announced to people outside the assessment (experts, governments, organisations: the steps whose
/// kind needs an audience), and the links in those announcements lead here. So do the links in the mail to experts
/// invited to one step of an assessment (a scoping meeting's, registered as reviewers of that step). Any other step is
/// its assessment's people's only.</summary>
public sealed record GetPublicStep(Guid AssessmentId, string StepId) : IQuery<PublicStepView>;

public sealed record PublicStepView(Guid AssessmentId, string AssessmentTitle, string StepId, string Title, string Kind, StepState State, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, string TimeZone, bool TakesComments);

public sealed class GetPublicStepHandler(IpbesFlowDbContext db, Identity.ICurrentUser caller) : IQueryHandler<GetPublicStep, PublicStepView>
{
    public async ValueTask<PublicStepView> Handle(GetPublicStep query, CancellationToken cancellationToken)
    {
        var found = await db.AssessmentSteps.AsNoTracking()
            .Where(s => s.AssessmentId == query.AssessmentId && s.StepId == query.StepId)
            .Join(db.Assessments, s => s.AssessmentId, a => a.Id, (s, a) => new { Step = s, a.Title, a.TimeZone })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Step", $"{query.AssessmentId}/{query.StepId}");
        var step = found.Step;
        var invited = caller.UserId is { } userId && await db.RoleAssignments.AnyAsync(
            r => r.UserId == userId && r.Role == Identity.Role.Reviewer && r.AssessmentId == query.AssessmentId && r.ReviewStepId == query.StepId, cancellationToken);
        return step.Kind.RequiresAudience || invited
            ? new PublicStepView(step.AssessmentId, found.Title, step.StepId, step.Title, step.Kind.Name, step.State, step.OpensAt, step.ClosesAt, found.TimeZone, step.Kind.TakesComments)
            : throw new ForbiddenException("This step is seen by its assessment's TSU and authors, the secretariat, the MEP and the Bureau.");
    }
}

using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>The database refused to save an assessment's advance: its due steps are taken again after a backoff, so
/// that the assessments after it in the batch go on.</summary>
public sealed record DeferDueSteps(Guid AssessmentId, string Error) : ICommand<int>, IRetryOnConflict;

public sealed class DeferDueStepsHandler(IpbesFlowDbContext db, TimeProvider time) : ICommandHandler<DeferDueSteps, int>
{
    public async ValueTask<int> Handle(DeferDueSteps command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var assessment = await db.Assessments.Include(a => a.Steps).FirstOrDefaultAsync(a => a.Id == command.AssessmentId, cancellationToken);
        if (assessment is null)
        {
            return 0;
        }

        var due = assessment.Steps.Where(s => s.DueAt <= now).ToList();
        foreach (var step in due)
        {
            step.Deferred(command.Error, now);
        }

        return due.Count;
    }
}

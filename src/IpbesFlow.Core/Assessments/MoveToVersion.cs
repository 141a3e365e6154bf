using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>Moves an assessment to another version of its workflow definition. Steps are matched by id; the plan is
/// computed from the new version with every begun step held at its dates. Refused, with the full list, when a step in
/// progress (or a meeting people were invited to) has no place in the new version. Invited meetings it moves send
/// their changed invitation.</summary>
public sealed record MoveToVersion(Guid AssessmentId, int Version) : ICommand<AssessmentView>, IRetryOnConflict;

public sealed class MoveToVersionValidator : AbstractValidator<MoveToVersion>
{
    public MoveToVersionValidator() => RuleFor(c => c.Version).GreaterThan(0).WithMessage("Give the workflow version to move to (a positive number).");
}

public sealed class MoveToVersionHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<MoveToVersion, AssessmentView>
{
    public async ValueTask<AssessmentView> Handle(MoveToVersion command, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.Include(a => a.Steps).FirstOrDefaultAsync(a => a.Id == command.AssessmentId, cancellationToken)
            ?? throw new NotFoundException("Assessment", command.AssessmentId);
        if (!StepAuthority.MayReschedule(actor.Principal, assessment.Id))
        {
            throw new ForbiddenException("Only the assessment's TSU and the secretariat move it to another workflow version.");
        }

        var definition = catalog.Find(assessment.WorkflowId, command.Version)
            ?? throw new NotFoundException("Workflow", $"{assessment.WorkflowId} v{command.Version}");
        var keep = assessment.DatesToKeep().Where(k => definition.FindStep(k.Key) is not null).ToDictionary(StringComparer.Ordinal);
        var plan = WorkflowPlanner.Plan(definition, new PlanRequest
        {
            Start = assessment.StartDate,
            Plenary = assessment.PlenaryDate,
            Parameters = assessment.Parameters.Where(p => definition.Parameters.Any(d => d.Name == p.Key)).ToDictionary(StringComparer.Ordinal),
            Fixed = keep,
        });
        var now = time.GetUtcNow();
        var from = assessment.WorkflowVersion;
        assessment.MoveTo(definition, plan, actor.Name, now);
        db.AuditEntries.Add(AuditEntry.Record(actor, "assessment.version-changed", $"assessment {assessment.Id}", $"{definition.Id} v{from} -> v{definition.Version}", now));
        return AssessmentView.From(assessment);
    }
}

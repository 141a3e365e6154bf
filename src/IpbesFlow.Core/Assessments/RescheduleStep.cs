using FluentValidation;
using IpbesFlow.Assessments.Events;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>The TSU moves a step (a new start, a new end, or both) and says why. The plan is computed again from the
/// definition with that step fixed and every step that has begun held where it is, so every later step that depends
/// on it moves too; the journal keeps each step's old and new dates, the audit log records the change, and a
/// "schedule changed" notification is queued for the people concerned.</summary>
public sealed record RescheduleStep(Guid AssessmentId, string StepId, DateOnly? Start, DateOnly? End, string Reason) : ICommand<AssessmentView>, IRetryOnConflict;

public sealed class RescheduleStepValidator : AbstractValidator<RescheduleStep>
{
    public RescheduleStepValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the step moves: the journal and the notification carry it.").MaximumLength(1000);
        RuleFor(c => c.Start).NotNull().When(c => c.End is null).WithMessage("Give a new start, a new end, or both (yyyy-mm-dd).");
        RuleFor(c => c.End).GreaterThanOrEqualTo(c => c.Start).When(c => c.Start is not null && c.End is not null).WithMessage("The end is before the start.");
    }
}

public sealed class RescheduleStepHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<RescheduleStep, AssessmentView>
{
    public async ValueTask<AssessmentView> Handle(RescheduleStep command, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.Include(a => a.Steps).FirstOrDefaultAsync(a => a.Id == command.AssessmentId, cancellationToken)
            ?? throw new NotFoundException("Assessment", command.AssessmentId);
        if (!StepAuthority.MayReschedule(actor.Principal, assessment.Id))
        {
            throw new ForbiddenException("Only the assessment's TSU and the secretariat move its steps.");
        }

        var now = time.GetUtcNow();
        var plan = Replan(assessment, command.StepId, command.Start, command.End, catalog, now);
        var step = assessment.Step(command.StepId);
        var moved = assessment.ApplyPlan(plan, step.StepId, command.Reason.Trim(), actor.Name, now).OfType<StepRescheduled>().Count();
        if (moved > 0)
        {
            db.AuditEntries.Add(AuditEntry.Record(actor, "schedule.changed", $"assessment {assessment.Id}", $"{step.StepId} to {command.Start:yyyy-MM-dd}..{command.End:yyyy-MM-dd} ({moved} step(s) moved): {command.Reason.Trim()}", now));
        }

        return AssessmentView.From(assessment);
    }

    /// <summary>The plan with <paramref name="stepId"/> moved and every step that has begun held where it is: what the
    /// command applies and what its preview shows.</summary>
    internal static Plan Replan(Assessment assessment, string stepId, DateOnly? start, DateOnly? end, IWorkflowCatalog catalog, DateTimeOffset now)
    {
        var step = assessment.Step(stepId);
        var target = step.Moved(start, end, now, assessment.Zone);
        var definition = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion)
            ?? throw new ConflictException($"{assessment.WorkflowId} v{assessment.WorkflowVersion}, which this assessment follows, is not loaded; restore its file to plan again.");

        var keep = assessment.DatesToKeep(except: step.StepId).Where(k => definition.FindStep(k.Key) is not null).ToDictionary(StringComparer.Ordinal);
        keep[step.StepId] = target;
        return WorkflowPlanner.Plan(definition, new PlanRequest
        {
            Start = assessment.StartDate,
            Plenary = assessment.PlenaryDate,
            Parameters = assessment.Parameters,
            Fixed = keep,
        });
    }
}

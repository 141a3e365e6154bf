using System.Collections.Concurrent;
using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Nominations;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>A person acts on one step of an assessment: start, complete, skip or cancel it, or send a meeting's
/// invitation. The Plenary's approval is completed with its <paramref name="Decision"/> (e.g. <c>IPBES-9/1</c>) and the
/// day it was taken. Completing an expert selection makes its results final (see <see cref="Nominations.SelectionCompletion"/>);
/// <paramref name="OverrideSelectionRule"/> is the MEP chair completing one that breaks its rule, the note saying why.</summary>
public sealed record ActOnStep(Guid AssessmentId, string StepId, StepAction Action, string? Note = null, string? Decision = null, DateOnly? DecidedOn = null, bool OverrideSelectionRule = false)
    : ICommand<AssessmentStepView>, IRetryOnConflict;

public sealed class ActOnStepValidator : AbstractValidator<ActOnStep>
{
    public ActOnStepValidator()
    {
        // The journal keeps the note with what the action queued, in 2,000 characters.
        RuleFor(c => c.Note).MaximumLength(1900);
        RuleFor(c => c.Note).NotEmpty()
            .When(c => StepActions.NeedsReason(c.Action))
            .WithMessage(c => c.Action switch
            {
                StepAction.Start => "Say why the step is to start before its date.",
                StepAction.Close => "Say why the window is to close now.",
                StepAction.Skip => "Say why the step is to be skipped.",
                _ => "Say why the step is to be cancelled.",
            });
        RuleFor(c => c.Decision).Must(d => PlenaryDecision.IsWellFormed(d!)).When(c => !string.IsNullOrWhiteSpace(c.Decision))
            .WithMessage("A Plenary decision is numbered by session and decision, e.g. IPBES-9/1.");
    }
}

public sealed class ActOnStepHandler(IpbesFlowDbContext db, ICurrentUser actor, IWorkflowCatalog catalog, TimeProvider time) : ICommandHandler<ActOnStep, AssessmentStepView>
{
    public async ValueTask<AssessmentStepView> Handle(ActOnStep command, CancellationToken cancellationToken)
    {
        var assessment = await WithStep.GetOrAdd(db.GetType(), _ => CompileWithStep())(db, command.AssessmentId, command.StepId, cancellationToken)
            ?? throw new NotFoundException("Assessment", command.AssessmentId);
        var step = assessment.Step(command.StepId);
        var action = command.Action;
        if (!StepAuthority.MayAct(actor.Principal, assessment.Id, step.Owner, action))
        {
            throw new ForbiddenException(StepAuthority.Refusal(step.StepId, step.Owner, action));
        }

        if (action == StepAction.Complete && step.Kind.IsMeeting)
        {
            await Meetings.MeetingLookup.EnsureAttendanceRecordedAsync(db, assessment.Id, step.StepId, command.Note, cancellationToken);
        }

        var now = time.GetUtcNow();
        var decision = command.Decision is null && command.DecidedOn is null ? null : new PlenaryDecision(command.Decision, command.DecidedOn);
        assessment.Act(step.StepId, action, command.Note, actor.Name, now, decision);
        if (action == StepAction.Complete && step.Kind.SelectsExperts)
        {
            await SelectionCompletion.ApplyAsync(db, catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion), actor, assessment.Id, step.StepId, command.Note,
                command.OverrideSelectionRule, now, cancellationToken);
        }

        return AssessmentStepView.From(step);
    }

    // An action touches one step: only that one is loaded with the assessment (the step's revision guards it). The
    // query is compiled once, not built as an expression and looked up on every action (see the README's design notes
    // on transitions); once per context type, because a compiled query serves one model and each database has its own.
    private static readonly ConcurrentDictionary<Type, Func<IpbesFlowDbContext, Guid, string, CancellationToken, Task<Assessment?>>> WithStep = new();

    private static Func<IpbesFlowDbContext, Guid, string, CancellationToken, Task<Assessment?>> CompileWithStep() =>
        EF.CompileAsyncQuery((IpbesFlowDbContext db, Guid id, string stepId, CancellationToken _) =>
            db.Assessments.Include(a => a.Steps.Where(s => s.StepId == stepId)).FirstOrDefault(a => a.Id == id));
}

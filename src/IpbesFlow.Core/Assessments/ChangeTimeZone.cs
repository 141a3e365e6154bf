using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>The TSU (or the secretariat) gives an assessment's window edges in another time zone, e.g. the end of a day
/// in Bonn or Nairobi rather than in UTC: what has not begun takes its instants in it, an open window its close.</summary>
public sealed record ChangeTimeZone(Guid AssessmentId, string TimeZone, string Reason) : ICommand<AssessmentView>, IRetryOnConflict;

public sealed class ChangeTimeZoneValidator : AbstractValidator<ChangeTimeZone>
{
    public ChangeTimeZoneValidator()
    {
        RuleFor(c => c.TimeZone).Must(z => WindowTimeZone.TryFind(z, out _))
            .WithMessage(c => $"'{c.TimeZone}' is not a time zone; give an IANA name such as Europe/Berlin or Africa/Nairobi.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the window edges move.").MaximumLength(1000);
    }
}

public sealed class ChangeTimeZoneHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<ChangeTimeZone, AssessmentView>
{
    public async ValueTask<AssessmentView> Handle(ChangeTimeZone command, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.Include(a => a.Steps).FirstOrDefaultAsync(a => a.Id == command.AssessmentId, cancellationToken)
            ?? throw new NotFoundException("Assessment", command.AssessmentId);
        if (!StepAuthority.MayReschedule(actor.Principal, assessment.Id))
        {
            throw new ForbiddenException("Only the assessment's TSU and the secretariat change the time zone of its windows.");
        }

        var now = time.GetUtcNow();
        if (assessment.ChangeTimeZone(command.TimeZone, command.Reason.Trim(), actor.Name, now).Count == 0)
        {
            return AssessmentView.From(assessment);
        }

        db.AuditEntries.Add(AuditEntry.Record(actor, "assessment.time-zone", $"assessment {assessment.Id}", $"{assessment.TimeZone}: {command.Reason.Trim()}", now));
        return AssessmentView.From(assessment);
    }
}

using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>A candidate attaches their CV (a PDF) to their application while the call is open; a second one replaces
/// the first.</summary>
public sealed record AttachCv(Guid AssessmentId, string StepId, string FileName, byte[] Content) : ICommand<CandidateView>
{
    public override string ToString() => $"AttachCv {{ AssessmentId = {AssessmentId}, StepId = {StepId}, FileName = {FileName}, Bytes = {Content.Length} }}";
}

public sealed class AttachCvValidator : AbstractValidator<AttachCv>
{
    public AttachCvValidator()
    {
        RuleFor(c => c.Content).NotEmpty().OverridePropertyName("cv").WithMessage("The CV file is empty.");
        RuleFor(c => c.Content).Must(c => c.LongLength <= CandidateCv.MaxBytes).OverridePropertyName("cv")
            .WithMessage(c => $"The CV is {c.Content.LongLength / 1024.0 / 1024.0:0.0} MB; the limit is {CandidateCv.MaxBytes / 1024 / 1024} MB. Send a shorter PDF (a CV of a few pages).");
        RuleFor(c => c.Content).Must(c => c.Length == 0 || CandidateCv.IsPdf(c)).OverridePropertyName("cv")
            .WithMessage(c => $"'{c.FileName}' is not a PDF: send your CV as a PDF file.");
        RuleFor(c => c.FileName).NotEmpty().OverridePropertyName("cv").WithMessage("The file has no name.")
            .MaximumLength(Reviews.ReviewDraft.MaxFileNameLength)
            .Must(UploadedFiles.IsPlainName).OverridePropertyName("cv").WithMessage("A file name cannot contain a path.");
    }
}

public sealed class AttachCvHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<AttachCv, CandidateView>
{
    public async ValueTask<CandidateView> Handle(AttachCv command, CancellationToken cancellationToken)
    {
        var userId = actor.UserId ?? throw new ForbiddenException("A candidate attaches their CV signed in as themselves.");
        var call = await NominationLookup.CallAsync(db, catalog, command.AssessmentId, command.StepId, cancellationToken);
        var now = time.GetUtcNow();
        call.EnsureTakingApplications(now);
        var candidate = await NominationLookup.ApplicationOfAsync(db, userId, call, track: true, cancellationToken)
            ?? throw new ConflictException("Apply first (your details and who nominates you); then attach your CV to the application.");
        var cv = await db.CandidateCvs.FirstOrDefaultAsync(c => c.CandidateId == candidate.Id, cancellationToken);
        if (cv is null)
        {
            db.CandidateCvs.Add(CandidateCv.Of(candidate.Id, command.FileName, command.Content, now));
        }
        else
        {
            cv.Replace(command.FileName, command.Content, now);
        }

        candidate.AttachCv(command.FileName, now);
        db.JournalEntries.Add(JournalEntry.Record(call.AssessmentId, actor.Name, "nomination.cv-attached", call.StepId, null, candidate.FullName, $"{command.FileName}, {command.Content.Length} bytes", now));
        var nominations = await db.Nominations.AsNoTracking().Where(n => n.CandidateId == candidate.Id).ToListAsync(cancellationToken);
        return CandidateView.From(candidate, nominations, withDecision: false);
    }
}

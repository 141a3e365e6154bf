using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;

namespace IpbesFlow.Meetings;

/// <summary>The TSU attaches the agenda or a document to a meeting it has set up; its participants download it.</summary>
public sealed record AttachMeetingDocument(Guid AssessmentId, string StepId, string FileName, string ContentType, byte[] Content) : ICommand<MeetingDocumentView>
{
    public override string ToString() => $"AttachMeetingDocument {{ AssessmentId = {AssessmentId}, StepId = {StepId}, FileName = {FileName}, Bytes = {Content.Length} }}";
}

public sealed record MeetingDocumentView(Guid Id, string FileName, long Length, DateTimeOffset UploadedAt)
{
    public static MeetingDocumentView From(MeetingDocument d) => new(d.Id, d.FileName, d.Length, d.UploadedAt);
}

public sealed class AttachMeetingDocumentValidator : AbstractValidator<AttachMeetingDocument>
{
    public AttachMeetingDocumentValidator()
    {
        RuleFor(c => c.Content).NotEmpty().OverridePropertyName("file").WithMessage("The file is empty.");
        RuleFor(c => c.FileName).NotEmpty().OverridePropertyName("file").WithMessage("The file has no name.")
            .MaximumLength(Reviews.ReviewDraft.MaxFileNameLength)
            .Must(UploadedFiles.IsPlainName).OverridePropertyName("file").WithMessage("A file name cannot contain a path.");
    }
}

public sealed class AttachMeetingDocumentHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<AttachMeetingDocument, MeetingDocumentView>
{
    public async ValueTask<MeetingDocumentView> Handle(AttachMeetingDocument command, CancellationToken cancellationToken)
    {
        var step = await MeetingLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        MeetingLookup.EnsureRuns(actor, step.AssessmentId);
        await MeetingLookup.VenueAsync(db, step, cancellationToken);
        var now = time.GetUtcNow();
        var document = MeetingDocument.Attach(step.AssessmentId, step.StepId, command.FileName, UploadedFiles.MediaType(command.ContentType), command.Content, now, actor.Name);
        db.MeetingDocuments.Add(document);
        db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, "meeting.document-attached", step.StepId, null, document.FileName, $"{document.Length} bytes", now));
        return MeetingDocumentView.From(document);
    }
}

using IpbesFlow.Meetings;
using IpbesFlow.Web.Security;
using IpbesFlow.Workflows;
using Mediator;

namespace IpbesFlow.Web.Endpoints;

/// <summary>An assessment's meetings as its TSU runs them: the venue and the reply-by day, the participants, their
/// replies and travel support, the attendance. Who may see or do what depends on the assessment and the list, so the
/// handlers decide beyond the policy named here (403).</summary>
internal static class MeetingEndpoints
{
    public static void MapMeetingEndpoints(this WebApplication app)
    {
        var meetings = app.MapGroup("/api/assessments/{id:guid}/meetings/{stepId}").WithTags("Meetings")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        meetings.MapGet("/", async (Guid id, string stepId, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetMeeting(id, stepId), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("A meeting")
            .WithDescription("Its dates, venue and reply-by instant, and the caller's reply: for its participants and those who follow the assessment; every participant, for its TSU and the secretariat.");

        meetings.MapPut("/", async (Guid id, string stepId, MeetingBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ConfigureMeeting(id, stepId, body.Mode ?? (MeetingMode)(-1), body.City, body.CountryCode, body.Address, body.Host, body.OnlineLink,
                    body.TimeZone ?? string.Empty, body.ReplyBy ?? DateOnly.MaxValue), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Set a meeting up (the TSU)")
            .WithDescription("in-person (city, countryCode, address, host), online (onlineLink) or hybrid; the venue's timeZone (an IANA name); replyBy, a day before the meeting (replies until its end there). Its participants are the step's audience, resolved to people.")
            .ProducesValidationProblem();

        meetings.MapPost("/participants", async (Guid id, string stepId, ParticipantBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ChangeParticipants(id, stepId, body.Email ?? string.Empty, body.Remove ?? false), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Add someone to the meeting, or take them off its list (the TSU)")
            .ProducesValidationProblem();

        meetings.MapPost("/reply", async (Guid id, string stepId, ReplyBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReplyToMeeting(id, stepId, body.Reply ?? (MeetingReply)(-1), body.TravelSupport ?? false, body.Note), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Reply to the invitation (a participant)")
            .WithDescription("attending, online or not-attending, until the reply-by day's end where the meeting is held; travelSupport: true with attending, for experts from developing countries and economies in transition.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        meetings.MapPost("/participants/{participantId:guid}/travel-support", async (Guid id, string stepId, Guid participantId, TravelBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DecideTravelSupport(id, stepId, participantId, body.Approve ?? false, body.Note), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Approve or decline a request for travel support (the TSU)")
            .ProducesProblem(StatusCodes.Status409Conflict);

        meetings.MapPut("/attendance", async (Guid id, string stepId, AttendanceBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RecordAttendance(id, stepId, body.Attended ?? []), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Record who attended (the TSU), once the meeting has begun")
            .WithDescription("The participants named attended, the others did not. The meeting step completes only once this is recorded, or with a reason.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        meetings.MapPost("/documents", async (Guid id, string stepId, IFormFile file, ISender sender, CancellationToken ct) =>
            {
                var document = await sender.Send(new AttachMeetingDocument(id, stepId, Path.GetFileName(file.FileName), file.ContentType, await ReviewEndpoints.ReadAsync(file, ct)), ct);
                return TypedResults.Created($"/api/assessments/{id}/meetings/{stepId}/documents/{document.Id}", document);
            })
            .RequireAuthorization(Policies.StaffWrite)
            .DisableAntiforgery()
            .WithSummary("Attach the agenda or a document (the TSU)")
            .WithDescription("Confidential to the meeting's participants and those who run it.")
            .ProducesValidationProblem();

        meetings.MapGet("/documents/{documentId:guid}", async (Guid id, string stepId, Guid documentId, ISender sender, CancellationToken ct) =>
            {
                var file = await sender.Send(new GetMeetingDocument(id, stepId, documentId), ct);
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .RequireAuthorization(Policies.SignedIn)
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .WithSummary("Download the agenda or a document")
            .WithDescription("For the meeting's participants (on its list now), its TSU and the secretariat; refused to anyone else, even those who follow the assessment.");

        meetings.MapPost("/reminders", async (Guid id, string stepId, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new RemindMeetingReplies(id, stepId), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Remind the participants who have not replied (the TSU)")
            .ProducesProblem(StatusCodes.Status409Conflict);

        meetings.MapGet("/participants/report", async (Guid id, string stepId, string? format, ISender sender, IpbesFlow.Reviews.ICommentFiles files, CancellationToken ct) =>
                await ReviewEndpoints.FileOfAsync(await sender.Send(new GetTravelReport(id, stepId), ct), ReviewEndpoints.Format(format), files, ct))
            .RequireAuthorization(Policies.StaffRead)
            .Produces<Stream>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv")
            .WithSummary("The participants, their replies, travel support and attendance (xlsx or csv)");
    }

    internal sealed record MeetingBody(MeetingMode? Mode, string? City, string? CountryCode, string? Address, string? Host, string? OnlineLink, string? TimeZone, DateOnly? ReplyBy);

    internal sealed record ParticipantBody(string? Email, bool? Remove);

    internal sealed record ReplyBody(MeetingReply? Reply, bool? TravelSupport, string? Note);

    internal sealed record TravelBody(bool? Approve, string? Note);

    internal sealed record AttendanceBody(IReadOnlyList<Guid>? Attended);
}

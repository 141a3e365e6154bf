using IpbesFlow.Assessments;
using IpbesFlow.Web.Security;
using IpbesFlow.Workflows;
using Mediator;

namespace IpbesFlow.Web.Endpoints;

internal static class AssessmentEndpoints
{
    public static void MapAssessmentEndpoints(this WebApplication app)
    {
        var assessments = app.MapGroup("/api/assessments").WithTags("Assessments");

        assessments.MapPost("/", async (CreateBody body, ISender sender, CancellationToken ct) =>
            {
                var assessment = await sender.Send(new CreateAssessment(body.Workflow ?? string.Empty, body.Title ?? string.Empty, body.Start, body.Plenary, body.Version, JsonParameters.ToText(body.Parameters), body.Fixed, body.TimeZone), ct);
                return TypedResults.Created($"/api/assessments/{assessment.Id}", assessment);
            })
            .RequireAuthorization(Policies.ConfigureAssessments)
            .WithSummary("Start an assessment from a workflow definition")
            .WithDescription("Start an assessment from a workflow definition: its plan is computed and stored with the pinned version.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // Who sees an assessment depends on the assessment (its TSU and authors, or everyone's for the secretariat, the
        // MEP and the Bureau): the handlers decide (403).
        assessments.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListAssessments(), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("The assessments the caller may see")
            .WithDescription("The assessments the caller may see: all of them for the secretariat, the MEP and the Bureau; their own for a TSU member or an author.");

        assessments.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetAssessment(id), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("An assessment with its steps")
            .WithDescription("An assessment with its steps: states, planned dates, window instants (its TSU and authors, the secretariat, the MEP, the Bureau).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        assessments.MapGet("/{id:guid}/journal", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetJournal(id), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Everything that happened to an assessment")
            .WithDescription("Everything that happened to an assessment, oldest first (its TSU, the secretariat, the MEP, the Bureau).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Who may act depends on the step (its owner) and the caller's roles on this assessment: the handler decides (403).
        assessments.MapPost("/{id:guid}/steps/{stepId}/actions/{action}", async (Guid id, string stepId, string action, ActionBody? body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ActOnStep(id, stepId, StepActions.Read(action), body?.Note, body?.Decision, body?.DecidedOn), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Act on a step")
            .WithDescription("Act on a step: start (the secretariat, before its date), complete, skip, cancel, invite (a meeting), or close (the secretariat: an open call or review now). Start, skip, cancel and close need a note saying why; the Plenary's approval is completed by the secretariat with the decision (e.g. IPBES-9/1) and the day it was taken. The same action twice gives one transition: the second is 409 saying who acted and when.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        assessments.MapPost("/{id:guid}/steps/{stepId}/reschedule", async (Guid id, string stepId, RescheduleBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RescheduleStep(id, stepId, body.Start, body.End, body.Reason ?? string.Empty), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Move a step")
            .WithDescription("Move a step (the TSU of the assessment or the secretariat, with a reason). A new start and end set both; one of them alone moves the whole step, its length kept; a step that has begun moves only its end. Every dependent later step moves, the journal keeps old and new dates, and a schedule-changed notification is queued.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        assessments.MapPut("/{id:guid}/time-zone", async (Guid id, TimeZoneBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ChangeTimeZone(id, body.TimeZone ?? string.Empty, body.Reason ?? string.Empty), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Give the assessment's window edges in another time zone")
            .WithDescription("Give the assessment's window edges in another time zone (IANA name; the TSU or the secretariat, with a reason): steps not begun take their instants in it, an open window its close.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        assessments.MapPost("/{id:guid}/version", async (Guid id, VersionBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new MoveToVersion(id, body.Version ?? 0), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Move an assessment to another version of its workflow")
            .WithDescription("Move an assessment to another version of its workflow: steps map by id; refused with the list when a step in progress would disappear.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static void MapTaskEndpoints(this WebApplication app)
    {
        app.MapGet("/api/tasks", async (Guid? assessment, int? aheadDays, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListTasks(assessment, aheadDays ?? 14), ct)))
            .WithTags("Assessments")
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("What is the caller's to do")
            .WithDescription("What is the caller's to do, by the roles they hold: open human steps and those starting within aheadDays (default 14), closed windows to complete, comments of closed reviews to answer (authors) and chapters to sign off (review editors); soonest due first, overdue flagged.");
    }

    internal sealed record ActionBody(string? Note, string? Decision, DateOnly? DecidedOn);

    internal sealed record RescheduleBody(DateOnly? Start, DateOnly? End, string? Reason);

    internal sealed record VersionBody(int? Version);

    internal sealed record CreateBody(string? Workflow, string? Title, DateOnly? Start, DateOnly? Plenary, int? Version, Dictionary<string, System.Text.Json.JsonElement>? Parameters, Dictionary<string, FixedDates>? Fixed, string? TimeZone);

    internal sealed record TimeZoneBody(string? TimeZone, string? Reason);
}

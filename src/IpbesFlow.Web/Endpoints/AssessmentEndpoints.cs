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
                var assessment = await sender.Send(new CreateAssessment(body.Workflow ?? string.Empty, body.Title ?? string.Empty, body.Start, body.Plenary, body.Version, JsonParameters.ToText(body.Parameters), body.Fixed), ct);
                return TypedResults.Created($"/api/assessments/{assessment.Id}", assessment);
            })
            .RequireAuthorization(Policies.ConfigureAssessments)
            .WithSummary("Start an assessment from a workflow definition: its plan is computed and stored with the pinned version")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        assessments.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListAssessments(), ct)))
            .RequireAuthorization(Policies.StaffRead);

        assessments.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetAssessment(id), ct)))
            .RequireAuthorization(Policies.StaffRead)
            .WithSummary("An assessment with its steps: states, planned dates, window instants")
            .ProducesProblem(StatusCodes.Status404NotFound);

        assessments.MapGet("/{id:guid}/journal", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetJournal(id), ct)))
            .RequireAuthorization(Policies.StaffRead)
            .WithSummary("Everything that happened to an assessment, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal sealed record CreateBody(string? Workflow, string? Title, DateOnly? Start, DateOnly? Plenary, int? Version, Dictionary<string, System.Text.Json.JsonElement>? Parameters, Dictionary<string, FixedDates>? Fixed);
}

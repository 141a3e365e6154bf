using System.Text.Json;
using IpbesFlow.Workflows;
using IpbesFlow.Web.Security;
using Mediator;

namespace IpbesFlow.Web.Endpoints;

internal static class WorkflowEndpoints
{
    public static void MapWorkflowEndpoints(this WebApplication app)
    {
        var workflows = app.MapGroup("/api/workflows").WithTags("Workflows");

        workflows.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListWorkflows(), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("ListWorkflows")
            .WithSummary("Every version of every workflow definition");

        workflows.MapGet("/{id}", async (string id, int? version, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetWorkflow(id, version), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetWorkflow")
            .WithSummary("One definition")
            .WithDescription("One definition: its parameters and steps (the latest version unless ?version= is given).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapPost("/{id}/plan", async (string id, PlanBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new PlanWorkflow(id, body.Start, body.Plenary, body.Version, JsonParameters.ToText(body.Parameters), body.Fixed), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("PlanWorkflow")
            .WithSummary("Plan a schedule")
            .WithDescription("Plan a schedule: every step's dates, and the conflicts when constraints cannot all hold.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal sealed record PlanBody(DateOnly? Start, DateOnly? Plenary, int? Version, Dictionary<string, JsonElement>? Parameters, Dictionary<string, FixedDates>? Fixed);
}

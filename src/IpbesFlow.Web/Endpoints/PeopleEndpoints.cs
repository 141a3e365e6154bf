using IpbesFlow.People;
using IpbesFlow.Web.Security;
using Mediator;

namespace IpbesFlow.Web.Endpoints;

internal static class PeopleEndpoints
{
    public static void MapPeopleEndpoints(this WebApplication app)
    {
        var people = app.MapGroup("/api/people").WithTags("People");

        people.MapPost("/", async (RegisterPerson command, ISender sender, CancellationToken ct) =>
            {
                var person = await sender.Send(command, ct);
                return TypedResults.Created($"/api/people/{person.Id}", person);
            })
            .RequireAuthorization(Policies.PeopleWrite)
            .WithName("RegisterPerson")
            .WithSummary("Register an expert, reviewer, focal point or staff member")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        people.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetPerson(id), ct)))
            .RequireAuthorization(Policies.PeopleRead)
            .WithName("GetPerson")
            .ProducesProblem(StatusCodes.Status404NotFound);

        people.MapGet("/", async (string? search, int? skip, int? take, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListPeople(search, skip ?? 0, take ?? 100), ct)))
            .RequireAuthorization(Policies.PeopleRead)
            .WithName("ListPeople")
            .ProducesValidationProblem();
    }
}

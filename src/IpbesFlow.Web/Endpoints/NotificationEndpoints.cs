using IpbesFlow.Notifications;
using IpbesFlow.Web.Security;
using Mediator;

namespace IpbesFlow.Web.Endpoints;

internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this WebApplication app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications");

        notifications.MapGet("/", async (Guid? assessment, Kebab<DeliveryStatus>? status, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListNotifications(assessment, status?.Value, limit ?? 200), ct)))
            .RequireAuthorization(Policies.StaffRead)
            .WithSummary("Delivery status per recipient")
            .WithDescription("Delivery status per recipient (pending, sent, failed, dead-lettered), newest first, of the mail the caller follows (the secretariat all of it, a TSU its assessments'); filter by assessment or status. Events that could not be turned into messages are listed as failed, without a recipient, with the reason.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // Whether the caller may resend depends on the message's assessment: the handler decides (403).
        notifications.MapPost("/{id:long}/resend", async (long id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ResendNotification(id), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Send a failed or dead-lettered message again, with the same Message-ID")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        notifications.MapPost("/events/{id:long}/retry", async (long id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RedispatchNotification(id), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Send an event that could not be turned into messages to the dispatcher again")
            .WithDescription("Send an event that could not be turned into messages to the dispatcher again, once its cause is fixed.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

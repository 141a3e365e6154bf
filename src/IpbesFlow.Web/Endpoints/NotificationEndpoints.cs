using IpbesFlow.Notifications;
using IpbesFlow.Web.Security;
using Mediator;

namespace IpbesFlow.Web.Endpoints;

internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this WebApplication app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications");

        notifications.MapGet("/", async (Guid? assessment, DeliveryStatus? status, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListNotifications(assessment, status, limit ?? 200), ct)))
            .RequireAuthorization(Policies.StaffRead)
            .WithSummary("Delivery status per recipient (pending, sent, failed, dead-lettered), newest first; filter by assessment or status");

        // Whether the caller may resend depends on the message's assessment: the handler decides (403).
        notifications.MapPost("/{id:long}/resend", async (long id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ResendNotification(id), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Send a failed or dead-lettered message again, with the same Message-ID")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

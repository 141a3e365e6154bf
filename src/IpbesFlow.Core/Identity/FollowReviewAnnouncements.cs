using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

/// <summary>A person asks to be told (or no longer told) when an external review or a call opens, so that they can
/// register for it.</summary>
public sealed record FollowReviewAnnouncements(bool? Subscribed) : ICommand<UserView>;

public sealed class FollowReviewAnnouncementsValidator : AbstractValidator<FollowReviewAnnouncements>
{
    public FollowReviewAnnouncementsValidator() =>
        RuleFor(c => c.Subscribed).NotNull().WithMessage("Say whether to be told when reviews and calls open: subscribed true or false.");
}

public sealed class FollowReviewAnnouncementsHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<FollowReviewAnnouncements, UserView>
{
    public async ValueTask<UserView> Handle(FollowReviewAnnouncements command, CancellationToken cancellationToken)
    {
        var id = actor.UserId ?? throw new ForbiddenException("Announcements are followed by a person, signed in as themselves.");
        var user = await db.Users.FirstAsync(u => u.Id == id, cancellationToken);
        user.ReviewAnnouncements = command.Subscribed!.Value;
        return await UserViews.OfAsync(db, user, time.GetUtcNow(), cancellationToken);
    }
}

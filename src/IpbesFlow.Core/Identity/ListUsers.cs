using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

public sealed record ListUsers : IQuery<IReadOnlyList<UserView>>;

public sealed class ListUsersHandler(IpbesFlowDbContext db, TimeProvider time) : IQueryHandler<ListUsers, IReadOnlyList<UserView>>
{
    public async ValueTask<IReadOnlyList<UserView>> Handle(ListUsers query, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = (await db.RoleAssignments.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(r => r.UserId);
        var now = time.GetUtcNow();
        return users.ConvertAll(u => UserView.From(u, roles[u.Id], now));
    }
}

/// <summary>The signed-in person: account and roles.</summary>
public sealed record GetCurrentUser : IQuery<UserView>;

public sealed class GetCurrentUserHandler(IpbesFlowDbContext db, ICurrentUser current, TimeProvider time) : IQueryHandler<GetCurrentUser, UserView>
{
    public async ValueTask<UserView> Handle(GetCurrentUser query, CancellationToken cancellationToken)
    {
        var id = current.UserId ?? throw new NotFoundException("User", current.Name);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotFoundException("User", id);
        return await UserViews.OfAsync(db, user, time.GetUtcNow(), cancellationToken);
    }
}

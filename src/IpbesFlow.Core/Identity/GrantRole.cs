using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

public sealed record GrantRole(Guid UserId, RoleScope Role) : ICommand<RoleAssignmentView>;

public sealed class GrantRoleHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<GrantRole, RoleAssignmentView>
{
    public async ValueTask<RoleAssignmentView> Handle(GrantRole command, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == command.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("User", command.UserId);
        var now = time.GetUtcNow();
        var assignment = RoleAssignment.Grant(command.UserId, command.Role, actor.UserId, now);
        var claim = Claims.Value(assignment.Scope);
        var existing = await db.RoleAssignments.Where(r => r.UserId == command.UserId && r.Role == command.Role.Role).ToListAsync(cancellationToken);
        if (existing.Any(r => r.Scope == assignment.Scope))
        {
            throw new ConflictException($"{email} already holds {claim}{(assignment.Chapter is null ? string.Empty : $" for chapter {assignment.Chapter}")}.", "role");
        }

        db.RoleAssignments.Add(assignment);
        db.AuditEntries.Add(AuditEntry.Record(actor, "role.granted", email, assignment.Chapter is null ? claim : $"{claim} (chapter {assignment.Chapter})", now));
        return RoleAssignmentView.From(assignment);
    }
}

public sealed record RevokeRole(Guid UserId, Guid AssignmentId) : ICommand<Unit>;

public sealed class RevokeRoleHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<RevokeRole, Unit>
{
    public async ValueTask<Unit> Handle(RevokeRole command, CancellationToken cancellationToken)
    {
        var assignment = await db.RoleAssignments.FirstOrDefaultAsync(r => r.Id == command.AssignmentId && r.UserId == command.UserId, cancellationToken)
            ?? throw new NotFoundException("Role assignment", command.AssignmentId);
        var email = await db.Users.Where(u => u.Id == command.UserId).Select(u => u.Email).FirstAsync(cancellationToken);
        db.RoleAssignments.Remove(assignment);
        db.AuditEntries.Add(AuditEntry.Record(actor, "role.revoked", email!, Claims.Value(assignment.Scope), time.GetUtcNow()));
        return Unit.Value;
    }
}

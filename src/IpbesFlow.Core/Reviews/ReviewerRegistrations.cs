using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>Whose registrations a caller acts under (their own as an expert, their country's as its focal point, their
/// organisation's): what every slice that reads or takes a reviewer's comments asks first.</summary>
public static class ReviewerRegistrations
{
    /// <summary>The registrations the caller submits under: their own as an expert, their country's as its focal
    /// point, their organisation's.</summary>
    public static async Task<IReadOnlyList<ReviewRegistration>> OfAsync(IpbesFlowDbContext db, ICurrentUser actor, Guid roundId, CancellationToken cancellationToken)
    {
        var keys = await KeysOfAsync(db, actor, cancellationToken);
        return keys.Count == 0
            ? []
            : await db.ReviewRegistrations.AsNoTracking().Where(r => r.RoundId == roundId && keys.Contains(r.ReviewerKey)).OrderBy(r => r.RegisteredAt).ToListAsync(cancellationToken);
    }

    /// <summary>The registration keys the caller acts under: their own, and those of the countries and organisations
    /// they hold a role for.</summary>
    public static async Task<IReadOnlyList<string>> KeysOfAsync(IpbesFlowDbContext db, ICurrentUser actor, CancellationToken cancellationToken)
    {
        if (actor.UserId is not { } userId)
        {
            return [];
        }

        var roles = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == userId && (r.Role == Role.NationalFocalPoint || r.Role == Role.StakeholderOrganisation))
            .Select(r => new { r.Role, r.CountryCode, r.Organisation })
            .ToListAsync(cancellationToken);
        return roles.Select(r => r.Role == Role.NationalFocalPoint
                ? ReviewRegistration.KeyFor(ReviewerType.Government, userId, r.CountryCode, null)
                : ReviewRegistration.KeyFor(ReviewerType.Organisation, userId, null, r.Organisation))
            .Append(ReviewRegistration.KeyFor(ReviewerType.Expert, userId, null, null))
            .ToList();
    }
}

using System.Security.Claims;

namespace IpbesFlow.Identity;

/// <summary>Who may download a draft under review: reviewers registered for that review while its window is open,
/// and the assessment's authors and TSU at any time. Drafts are confidential; nobody else, admins included, reads them
/// through this rule. The review window comes from the database, never from whether a timer has fired.</summary>
public static class DraftAccess
{
    public static bool MayDownload(ClaimsPrincipal user, Guid assessmentId, string reviewStepId, DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset now)
    {
        if (user.HasFor(Role.TsuMember, assessmentId) || user.HasFor(Role.Author, assessmentId))
        {
            return true;
        }

        return now >= opensAt && now < closesAt && user.HasClaim(Claims.RoleType, $"reviewer:{assessmentId}:{reviewStepId}");
    }
}

using System.Security.Claims;

namespace IpbesFlow.Identity;

/// <summary>Who reads what of an assessment. The secretariat, the MEP and the Bureau follow every assessment; a TSU
/// member and an author see their own assessments' schedules; the journal (who did what, with their notes) is for
/// those who run the process: the secretariat, the MEP, the Bureau and the assessment's TSU. The delivery of mail (whose
/// addresses are personal) is for the secretariat and, for its own assessments' mail, the TSU.</summary>
public static class AssessmentAccess
{
    public static bool SeesEveryAssessment(ClaimsPrincipal user) =>
        user.Has(Role.SecretariatAdmin) || user.Has(Role.MepMember) || user.Has(Role.BureauMember);

    /// <summary>The assessments the person works on: as a TSU member or as an author.</summary>
    public static IReadOnlyList<Guid> TeamAssessments(ClaimsPrincipal user) =>
        [.. user.AssessmentsWith(Role.TsuMember).Union(user.AssessmentsWith(Role.Author))];

    public static bool MaySee(ClaimsPrincipal user, Guid assessmentId) =>
        SeesEveryAssessment(user) || user.HasFor(Role.TsuMember, assessmentId) || user.HasFor(Role.Author, assessmentId);

    public static bool MayReadJournal(ClaimsPrincipal user, Guid assessmentId) =>
        SeesEveryAssessment(user) || user.HasFor(Role.TsuMember, assessmentId);

    /// <summary>Whose mail the person may follow: every message (null) for the secretariat, their assessments' for a TSU
    /// member, none for anyone else.</summary>
    public static IReadOnlyList<Guid>? MailOf(ClaimsPrincipal user) =>
        user.Has(Role.SecretariatAdmin) ? null : user.AssessmentsWith(Role.TsuMember);
}

using System.Security.Claims;
using IpbesFlow.Assessments;
using IpbesFlow.Workflows;

namespace IpbesFlow.Identity;

/// <summary>Who may act on a step. The secretariat and the assessment's TSU run the process and take the actions that
/// keep it moving (completing, skipping, cancelling, inviting); the owners the definition names complete their own
/// steps: the MEP its selections, the Bureau its steps, the co-chairs and coordinating lead authors the authors' tasks.
/// Some actions are the secretariat's alone: starting a human step before its date and closing a window before its
/// close (each with a reason), and anything done to a step the Plenary owns (its approval is recorded with the Plenary's decision). Read-only tokens act on nothing.</summary>
public static class StepAuthority
{
    public static bool MayAct(ClaimsPrincipal user, Guid assessmentId, Audience? owner, StepAction action)
    {
        if (!user.MayWrite())
        {
            return false;
        }

        if (user.Has(Role.SecretariatAdmin))
        {
            return true;
        }

        if (action is StepAction.Start or StepAction.Close || owner == Audience.Plenary)
        {
            return false;
        }

        if (user.HasFor(Role.TsuMember, assessmentId))
        {
            return true;
        }

        if (action != StepAction.Complete)
        {
            return false;
        }

        return owner switch
        {
            Audience.Mep => user.Has(Role.MepMember),
            Audience.Bureau => user.Has(Role.BureauMember),
            Audience.Authors => LeadsAuthors(user, assessmentId),
            _ => false,
        };
    }

    /// <summary>Moving steps changes the dates of everyone's work: the assessment's TSU and the secretariat do it.</summary>
    public static bool MayReschedule(ClaimsPrincipal user, Guid assessmentId) =>
        user.MayWrite() && (user.Has(Role.SecretariatAdmin) || user.HasFor(Role.TsuMember, assessmentId));

    /// <summary>Whether any action at all is open to this person on the step (for task lists).</summary>
    public static IReadOnlyList<StepAction> ActionsFor(ClaimsPrincipal user, Guid assessmentId, Audience? owner) =>
        Enum.GetValues<StepAction>().Where(a => MayAct(user, assessmentId, owner, a)).ToList();

    /// <summary>What a person who may not take <paramref name="action"/> on a step is told: who may.</summary>
    public static string Refusal(string stepId, Audience? owner, StepAction action) => (action, owner) switch
    {
        (StepAction.Start, _) => $"You may not start '{stepId}' before its date: only the secretariat starts a step early, saying why.",
        (StepAction.Close, _) => $"You may not close '{stepId}' now: only the secretariat closes a window before its close, saying why.",
        (_, Audience.Plenary) => $"'{stepId}' is the Plenary's: the secretariat records it, with the Plenary's decision.",
        _ => $"You may not {StepActions.Name(action)} '{stepId}': it is for the secretariat, the assessment's TSU{OwnerClause(owner)}.",
    };

    private static string OwnerClause(Audience? owner) => owner switch
    {
        Audience.Mep => " or (to complete it) the MEP",
        Audience.Bureau => " or (to complete it) the Bureau",
        Audience.Authors => " or (to complete it) the co-chairs and coordinating lead authors",
        _ => string.Empty,
    };

    private static bool LeadsAuthors(ClaimsPrincipal user, Guid assessmentId) =>
        user.HasClaim(Claims.RoleType, $"author:{assessmentId}:{Claims.Name(AuthorRole.CoChair)}")
        || user.HasClaim(Claims.RoleType, $"author:{assessmentId}:{Claims.Name(AuthorRole.CoordinatingLeadAuthor)}");
}

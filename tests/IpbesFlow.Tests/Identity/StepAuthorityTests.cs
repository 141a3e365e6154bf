using System.Security.Claims;
using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.Workflows;
using Shouldly;

namespace IpbesFlow.Tests.Identity;

public sealed class StepAuthorityTests
{
    private static readonly Guid AssessmentA = Guid.NewGuid();
    private static readonly Guid AssessmentB = Guid.NewGuid();

    private static ClaimsPrincipal With(string? scope, params RoleScope[] roles)
    {
        var claims = roles.Select(r => new Claim(Claims.RoleType, Claims.Value(r))).ToList();
        if (scope is not null)
        {
            claims.Add(new Claim(Claims.ScopeType, scope));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    public static TheoryData<string, Audience?, StepAction, bool> Cases => new()
    {
        // The secretariat and the assessment's TSU run the process: they complete, skip, cancel and invite.
        { "admin", Audience.Mep, StepAction.Cancel, true },
        { "tsu-A", Audience.Authors, StepAction.Skip, true },
        { "tsu-A", null, StepAction.Complete, true },
        { "tsu-B", Audience.Tsu, StepAction.Complete, false },
        { "tsu-A-read-token", Audience.Tsu, StepAction.Complete, false },

        // Starting a step before its date is the secretariat's alone.
        { "admin", Audience.Authors, StepAction.Start, true },
        { "tsu-A", Audience.Tsu, StepAction.Start, false },
        { "mep", Audience.Mep, StepAction.Start, false },
        { "cla-A", Audience.Authors, StepAction.Start, false },

        // The Plenary's steps are recorded by the secretariat, not by the TSU.
        { "admin", Audience.Plenary, StepAction.Complete, true },
        { "tsu-A", Audience.Plenary, StepAction.Complete, false },
        { "tsu-A", Audience.Plenary, StepAction.Skip, false },

        // Owners complete their own steps, and nothing else.
        { "mep", Audience.Mep, StepAction.Complete, true },
        { "mep", Audience.Mep, StepAction.Skip, false },
        { "mep", Audience.Authors, StepAction.Complete, false },
        { "bureau", Audience.Bureau, StepAction.Complete, true },
        { "bureau", Audience.Mep, StepAction.Complete, false },
        { "co-chair-A", Audience.Authors, StepAction.Complete, true },
        { "cla-A", Audience.Authors, StepAction.Complete, true },
        { "cla-A", Audience.Authors, StepAction.Cancel, false },
        { "cla-B", Audience.Authors, StepAction.Complete, false },
        { "lead-author-A", Audience.Authors, StepAction.Complete, false },
        { "co-chair-A", Audience.Plenary, StepAction.Complete, false },
        { "reviewer-A", Audience.Authors, StepAction.Complete, false },
        { "focal-point", Audience.Governments, StepAction.Complete, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Who_may_act_on_a_step(string persona, Audience? owner, StepAction action, bool allowed) =>
        StepAuthority.MayAct(Persona(persona), AssessmentA, owner, action).ShouldBe(allowed, $"{persona} {action} on a step owned by {owner}");

    [Fact]
    public void Only_the_assessments_TSU_and_the_secretariat_reschedule()
    {
        StepAuthority.MayReschedule(Persona("tsu-A"), AssessmentA).ShouldBeTrue();
        StepAuthority.MayReschedule(Persona("admin"), AssessmentA).ShouldBeTrue();
        StepAuthority.MayReschedule(Persona("tsu-B"), AssessmentA).ShouldBeFalse();
        StepAuthority.MayReschedule(Persona("mep"), AssessmentA).ShouldBeFalse();
        StepAuthority.MayReschedule(Persona("co-chair-A"), AssessmentA).ShouldBeFalse();
        StepAuthority.MayReschedule(Persona("tsu-A-read-token"), AssessmentA).ShouldBeFalse();
    }

    private static ClaimsPrincipal Persona(string name) => name switch
    {
        "admin" => With(null, new RoleScope(Role.SecretariatAdmin)),
        "tsu-A" => With("write", new RoleScope(Role.TsuMember, AssessmentA)),
        "tsu-B" => With(null, new RoleScope(Role.TsuMember, AssessmentB)),
        "tsu-A-read-token" => With("read", new RoleScope(Role.TsuMember, AssessmentA)),
        "mep" => With(null, new RoleScope(Role.MepMember)),
        "bureau" => With(null, new RoleScope(Role.BureauMember)),
        "co-chair-A" => With(null, new RoleScope(Role.Author, AssessmentA, AuthorRole.CoChair)),
        "cla-A" => With(null, new RoleScope(Role.Author, AssessmentA, AuthorRole.CoordinatingLeadAuthor)),
        "cla-B" => With(null, new RoleScope(Role.Author, AssessmentB, AuthorRole.CoordinatingLeadAuthor)),
        "lead-author-A" => With(null, new RoleScope(Role.Author, AssessmentA, AuthorRole.LeadAuthor)),
        "reviewer-A" => With(null, new RoleScope(Role.Reviewer, AssessmentA, ReviewStepId: "fod-review")),
        "focal-point" => With(null, new RoleScope(Role.NationalFocalPoint, CountryCode: "KE")),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}

using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>A call for nominations as the commands meet it: its stored window (which decides what is taken, as for
/// comments), its definition, and the nominators' deadline.</summary>
public sealed record NominationCall(AssessmentStep Step, StepDefinition Definition, string TimeZone, StepDefinition? Selection)
{
    public Guid AssessmentId => Step.AssessmentId;

    public string StepId => Step.StepId;

    /// <summary>The call's close plus its grace, at midnight where the assessment's windows are given: the last moment a
    /// nominating body approves or declines.</summary>
    public DateTimeOffset? NominatorsDeadline => Step.ClosesAt is { } closes && Definition.NominatorsGrace is { Amount: { } amount } grace
        ? WindowTimeZone.StartOf(WindowTimeZone.DayOf(closes, WindowTimeZone.Find(TimeZone)).AddDays(grace.Unit == 'w' ? amount * 7 : amount), WindowTimeZone.Find(TimeZone))
        : null;

    public string Describe(DateTimeOffset instant) => WindowTimeZone.Describe(instant, TimeZone);

    /// <summary>Applications are taken if and only if the server's clock is inside the stored window, whether or not the
    /// timer that closes the call has fired.</summary>
    public void EnsureTakingApplications(DateTimeOffset now)
    {
        if (Step.State is StepState.Skipped or StepState.Cancelled || Step.OpensAt is not { } opens || Step.ClosesAt is not { } closes)
        {
            throw new ConflictException($"Call {StepId} was {Step.State.ToString().ToLowerInvariant()}; it takes no applications.");
        }

        if (now < opens)
        {
            throw new ConflictException($"Call {StepId} opens at {Describe(opens)}; applications are taken from then until it closes at {Describe(closes)}.");
        }

        if (now >= closes)
        {
            throw new ConflictException($"Call {StepId} closed at {Describe(closes)}; applications are no longer taken.");
        }
    }
}

public static class NominationLookup
{
    /// <summary>The call for nominations <paramref name="stepId"/> of the assessment; a step that is not one is not found.</summary>
    public static async Task<NominationCall> CallAsync(IpbesFlowDbContext db, IWorkflowCatalog catalog, Guid assessmentId, string stepId, CancellationToken cancellationToken)
    {
        var (step, definition, zone) = await StepAsync(db, catalog, assessmentId, stepId, "Call for nominations", cancellationToken);
        return definition.FindStep(stepId) is { IsCallForNominations: true } call
            ? new NominationCall(step, call, zone, definition.SelectionOf(stepId))
            : throw new NotFoundException("Call for nominations", $"{stepId} (it is a {step.Kind}{(step.Kind.TakesNominations ? " that takes no nominations" : string.Empty)})");
    }

    /// <summary>The application a person made to the call, found by their account's email (one per person and call);
    /// tracked when it is to be changed.</summary>
    public static async Task<Candidate?> ApplicationOfAsync(IpbesFlowDbContext db, Guid userId, NominationCall call, bool track, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(cancellationToken);
        var candidates = track ? db.Candidates : db.Candidates.AsNoTracking();
        return email is null ? null : await candidates.FirstOrDefaultAsync(c => c.AssessmentId == call.AssessmentId && c.CallStepId == call.StepId && c.NormalizedEmail == email, cancellationToken);
    }

    /// <summary>A selection step and the call it chooses from.</summary>
    public static async Task<(AssessmentStep Selection, StepDefinition Definition, NominationCall Call)> SelectionAsync(
        IpbesFlowDbContext db, IWorkflowCatalog catalog, Guid assessmentId, string stepId, CancellationToken cancellationToken)
    {
        var (step, definition, zone) = await StepAsync(db, catalog, assessmentId, stepId, "Selection", cancellationToken);
        if (definition.FindStep(stepId) is not { Kind.SelectsExperts: true } selection || definition.CallSelectedBy(stepId) is not { } callDefinition)
        {
            throw new NotFoundException("Selection", $"{stepId} (it is a {step.Kind} that selects from no call for nominations)");
        }

        var callStep = await db.AssessmentSteps.AsNoTracking().FirstAsync(s => s.AssessmentId == assessmentId && s.StepId == callDefinition.Id, cancellationToken);
        return (step, selection, new NominationCall(callStep, callDefinition, zone, selection));
    }

    private static async Task<(AssessmentStep Step, WorkflowDefinition Definition, string TimeZone)> StepAsync(
        IpbesFlowDbContext db, IWorkflowCatalog catalog, Guid assessmentId, string stepId, string what, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == assessmentId).Select(a => new { a.WorkflowId, a.WorkflowVersion, a.TimeZone }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Assessment", assessmentId);
        var step = await db.AssessmentSteps.AsNoTracking().FirstOrDefaultAsync(s => s.AssessmentId == assessmentId && s.StepId == stepId, cancellationToken)
            ?? throw new NotFoundException(what, $"{stepId} (no step of assessment {assessmentId} has that id)");
        var definition = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion) ?? throw new NotFoundException("Workflow", $"{assessment.WorkflowId} v{assessment.WorkflowVersion}");
        return (step, definition, assessment.TimeZone);
    }
}

/// <summary>What the caller is to one assessment's nominations, from the roles stored now: the secretariat and the
/// assessment's TSU run the call; the MEP selects; a national focal point acts for its country's nominations, an
/// organisation's contact for its organisation's; a candidate sees their own application. Candidates' records are
/// personal: nobody else sees them.</summary>
public sealed class NominationCaller
{
    private NominationCaller(bool isSecretariat, bool isTsu, bool isMep, bool isMepChair, IReadOnlyList<string> countries, IReadOnlyList<string> organisations)
    {
        IsSecretariat = isSecretariat;
        IsTsu = isTsu;
        IsMep = isMep;
        IsMepChair = isMepChair;
        Countries = countries;
        Organisations = organisations;
    }

    public bool IsSecretariat { get; }

    public bool IsTsu { get; }

    public bool IsMep { get; }

    public bool IsMepChair { get; }

    public IReadOnlyList<string> Countries { get; }

    public IReadOnlyList<string> Organisations { get; }

    /// <summary>Sees every candidate and nomination of the assessment.</summary>
    public bool SeesAll => IsSecretariat || IsTsu || IsMep;

    /// <summary>Selects: the MEP (its chair included), or the secretariat recording the MEP's decisions.</summary>
    public bool MaySelect => IsMep || IsSecretariat;

    public bool IsNominator => Countries.Count > 0 || Organisations.Count > 0;

    /// <summary>The body keys the caller acts for (<see cref="Nomination.BodyKey"/>).</summary>
    public IReadOnlyList<string> BodyKeys =>
        [.. Countries.Select(c => Nomination.KeyFor(NominatorType.Government, c, null)), .. Organisations.Select(o => Nomination.KeyFor(NominatorType.Organisation, null, o))];

    public bool ActsFor(string bodyKey) => BodyKeys.Contains(bodyKey, StringComparer.Ordinal);

    public static async Task<NominationCaller> LoadAsync(IpbesFlowDbContext db, ICurrentUser actor, Guid assessmentId, CancellationToken cancellationToken)
    {
        var bodies = actor.UserId is { } userId
            ? await db.RoleAssignments.AsNoTracking()
                .Where(r => r.UserId == userId && (r.Role == Role.NationalFocalPoint || r.Role == Role.StakeholderOrganisation))
                .Select(r => new { r.Role, r.CountryCode, r.Organisation })
                .ToListAsync(cancellationToken)
            : [];
        var user = actor.Principal;
        return new NominationCaller(
            user.Has(Role.SecretariatAdmin), user.HasFor(Role.TsuMember, assessmentId), user.Has(Role.MepMember) || user.Has(Role.MepChair), user.Has(Role.MepChair),
            bodies.Where(b => b.Role == Role.NationalFocalPoint).Select(b => b.CountryCode!).Distinct(StringComparer.Ordinal).ToList(),
            bodies.Where(b => b.Role == Role.StakeholderOrganisation).Select(b => b.Organisation!).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }
}

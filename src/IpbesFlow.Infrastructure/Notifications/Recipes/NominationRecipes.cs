using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.Nominations;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Notifications.Recipes;

// What a call for nominations and an expert selection send, whatever the definitions say, each in a template of the
// same name. Candidates imported from outside the system may have no account: they are written to at the address of
// their application, in the language they gave.

/// <summary>A candidate asked a body to nominate them: its focal points (a government) or contacts (an organisation),
/// with the deadline to approve or decline by.</summary>
public sealed class NominationReceivedRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = [NominationPayload.Received];

    public override async Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken)
    {
        var payload = context.Queued.Payload<NominationPayload>();
        var deadline = payload.Deadline is { } at ? Moment(at, context.Assessment.TimeZone) : string.Empty;
        return [new Letter(NominationPayload.Received, await BodyContacts.ForAsync(context.Db, payload.BodyKey, cancellationToken))
        {
            Candidacy = new CandidacyModel(payload.CandidateName, payload.Body, deadline, string.Empty, string.Empty, string.Empty),
        }];
    }

    internal static string Moment(DateTimeOffset at, string zone) =>
        TimeZoneInfo.ConvertTime(at, WindowTimeZone.Find(zone)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " + zone;
}

/// <summary>A selection completed: each candidate their outcome (one template per outcome), each nominating body the
/// list of its nominees' outcomes.</summary>
public sealed class SelectionOutcomesRecipe : NotificationRecipe
{
    public const string Selected = "selection-selected";
    public const string Reserve = "selection-reserve";
    public const string NotSelected = "selection-not-selected";
    public const string NomineesOutcomes = "nominees-outcomes";

    public static IReadOnlyList<string> Templates { get; } = [Selected, Reserve, NotSelected, NomineesOutcomes];

    public override IReadOnlyCollection<string> Events { get; } = [SelectionOutcomesPayload.Event];

    public override async Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken)
    {
        var call = context.Queued.Payload<SelectionOutcomesPayload>().CallStepId;
        var candidates = await context.Db.Candidates.AsNoTracking()
            .Where(c => c.AssessmentId == context.Assessment.Id && c.CallStepId == call && c.ResultAt != null)
            .OrderBy(c => c.FullName)
            .ToListAsync(cancellationToken);
        var ids = candidates.ConvertAll(c => c.Id);
        var nominations = await context.Db.Nominations.AsNoTracking().Where(n => ids.Contains(n.CandidateId)).ToListAsync(cancellationToken);
        var letters = candidates.ConvertAll(c => new Letter(TemplateOf(c.Outcome), [new Recipient(c.UserId ?? Guid.Empty, c.Email, c.FullName, c.PreferredLanguage)])
        {
            Candidacy = Candidacy(c, string.Join(", ", nominations.Where(n => n.CandidateId == c.Id).Select(n => n.BodyName))),
        });
        var byId = candidates.ToDictionary(c => c.Id);
        foreach (var body in nominations.GroupBy(n => n.BodyKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var nominees = body.Select(n => byId[n.CandidateId]).OrderBy(c => c.FullName, StringComparer.Ordinal)
                .Select(c => new NomineeModel(c.FullName, OutcomeName(c.Outcome), c.SelectedRole is { } r ? Claims.Name(r) : string.Empty, c.SelectedChapter ?? string.Empty))
                .ToList();
            letters.Add(new Letter(NomineesOutcomes, await BodyContacts.ForAsync(context.Db, body.Key, cancellationToken)) { Nominees = nominees });
        }

        return letters;
    }

    internal static CandidacyModel Candidacy(Candidate c, string bodies) =>
        new(c.FullName, bodies, string.Empty, OutcomeName(c.Outcome), c.SelectedRole is { } role ? Claims.Name(role) : string.Empty, c.SelectedChapter ?? string.Empty);

    public static string OutcomeName(SelectionOutcome outcome) => outcome switch
    {
        SelectionOutcome.Selected => "selected",
        SelectionOutcome.Reserve => "reserve",
        _ => "not-selected",
    };

    private static string TemplateOf(SelectionOutcome outcome) => outcome switch
    {
        SelectionOutcome.Selected => Selected,
        SelectionOutcome.Reserve => Reserve,
        _ => NotSelected,
    };
}

/// <summary>A reserve invited in a resigned expert's place: they hear that they are selected, in the role and chapter.</summary>
public sealed class ReserveInvitedRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = [ReserveInvitedPayload.Event];

    public override async Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken)
    {
        var id = context.Queued.Payload<ReserveInvitedPayload>().CandidateId;
        var c = await context.Db.Candidates.AsNoTracking().FirstAsync(x => x.Id == id, cancellationToken);
        return [new Letter(SelectionOutcomesRecipe.Selected, [new Recipient(c.UserId ?? Guid.Empty, c.Email, c.FullName, c.PreferredLanguage)])
        {
            Candidacy = SelectionOutcomesRecipe.Candidacy(c, string.Empty),
        }];
    }
}

/// <summary>Selected experts who have not submitted their disclosure: each, in their language.</summary>
public sealed class DisclosureReminderRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = [DisclosureReminderPayload.Event];

    public override async Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken)
    {
        var ids = context.Queued.Payload<DisclosureReminderPayload>().CandidateIds;
        var experts = await context.Db.Candidates.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Email).ToListAsync(cancellationToken);
        return [.. experts.Select(c => new Letter(DisclosureReminderPayload.Event, [new Recipient(c.UserId ?? Guid.Empty, c.Email, c.FullName, c.PreferredLanguage)])
        {
            Candidacy = SelectionOutcomesRecipe.Candidacy(c, string.Empty),
        })];
    }
}

/// <summary>A meeting's participants who have not replied: each, in their language, with the instant replies close
/// (where the meeting is held).</summary>
public sealed class MeetingReplyReminderRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = [MeetingReplyReminderPayload.Event];

    public override async Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken)
    {
        var payload = context.Queued.Payload<MeetingReplyReminderPayload>();
        var zone = await context.Db.MeetingVenues.AsNoTracking().Where(v => v.AssessmentId == context.Assessment.Id && v.StepId == context.StepId).Select(v => v.TimeZone)
            .FirstOrDefaultAsync(cancellationToken) ?? context.Assessment.TimeZone;
        return [new Letter(MeetingReplyReminderPayload.Event, await Recipients.ForUsersAsync(context.Db, payload.UserIds, cancellationToken))
        {
            Deadline = NominationReceivedRecipe.Moment(payload.ReplyBy, zone),
        }];
    }
}

/// <summary>The people who act for a nominating body: a country's national focal points, an organisation's contacts.</summary>
internal static class BodyContacts
{
    public static async Task<IReadOnlyList<Recipient>> ForAsync(Persistence.IpbesFlowDbContext db, string bodyKey, CancellationToken cancellationToken)
    {
        var (type, value) = Split(bodyKey);
        // Organisations are matched as their key writes them (upper case): compared here, not in SQL, where each
        // database would fold case its own way.
        var role = type == NominatorType.Government ? Role.NationalFocalPoint : Role.StakeholderOrganisation;
        var holders = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == role && (type != NominatorType.Government || r.CountryCode == value))
            .Select(r => new { r.UserId, r.Organisation })
            .ToListAsync(cancellationToken);
        var userIds = holders.Where(h => type == NominatorType.Government || string.Equals(h.Organisation?.Trim(), value, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.UserId).Distinct().ToList();
        return await Recipients.ForUsersAsync(db, userIds, cancellationToken);
    }

    private static (NominatorType Type, string Value) Split(string bodyKey) =>
        bodyKey.StartsWith("country:", StringComparison.Ordinal) ? (NominatorType.Government, bodyKey["country:".Length..]) : (NominatorType.Organisation, bodyKey["organisation:".Length..]);
}

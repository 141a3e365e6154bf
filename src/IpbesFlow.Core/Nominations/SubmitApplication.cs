using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Notifications;
using IpbesFlow.People;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>A candidate applies to an open call for nominations, signed in as themselves (the application is under
/// their account's email), naming the bodies they ask to nominate them: their government (its national focal point
/// approves) or a registered organisation. Applying again to the same call replaces the application: the bodies named
/// now are the ones asked (a pending nomination by a body no longer named is withdrawn; a decided one stays).</summary>
public sealed record SubmitApplication(
    Guid AssessmentId, string StepId, string FullName, Gender Gender, string Nationality, string CountryOfWork, string Institution,
    IReadOnlyList<Discipline> Disciplines, string Keywords, IReadOnlyList<string> Languages, IReadOnlyList<AuthorRole> RolesSought,
    IReadOnlyList<string> Chapters, IReadOnlyList<NominationBody> Bodies, string? PreferredLanguage = null) : ICommand<CandidateView>, IRetryOnConflict;

public sealed class SubmitApplicationValidator : AbstractValidator<SubmitApplication>
{
    public SubmitApplicationValidator()
    {
        RuleFor(c => c.FullName).NotEmpty().WithMessage("Give your full name as it appears on your CV.").MaximumLength(Person.MaxNameLength);
        RuleFor(c => c.Gender).IsInEnum().WithMessage("Say female, male, other or undisclosed.");
        RuleFor(c => c.Nationality).Must(Countries.IsKnown).WithMessage(c => Countries.Unknown(c.Nationality));
        RuleFor(c => c.CountryOfWork).Must(Countries.IsKnown).WithMessage(c => Countries.Unknown(c.CountryOfWork));
        RuleFor(c => c.Institution).NotEmpty().WithMessage("Give the institution you work for (or 'independent').").MaximumLength(Candidate.MaxInstitutionLength);
        RuleFor(c => c.Disciplines).NotEmpty().WithMessage("Pick at least one discipline: natural sciences, social sciences, humanities, Indigenous and local knowledge, policy and practice.");
        RuleForEach(c => c.Disciplines).IsInEnum();
        RuleFor(c => c.Keywords).NotEmpty().WithMessage("Give a few keywords for your expertise.").MaximumLength(Candidate.MaxKeywordsLength);
        RuleFor(c => c.Languages).NotEmpty().WithMessage("Give the languages you work in (ISO 639-1 codes, e.g. en, fr).");
        RuleForEach(c => c.Languages).Must(l => l.Trim().Length is 2 or 3 && l.Trim().All(char.IsAsciiLetter)).WithMessage("Give each language as its ISO 639-1 code, e.g. en, fr, sw.");
        RuleFor(c => c.RolesSought).NotEmpty().WithMessage($"Pick the roles you seek: {string.Join(", ", Candidate.SelectableRoles.Select(Claims.Name))}.");
        RuleForEach(c => c.RolesSought).Must(Candidate.SelectableRoles.Contains).WithMessage($"A candidate seeks one of {string.Join(", ", Candidate.SelectableRoles.Select(Claims.Name))}.");
        RuleForEach(c => c.Chapters).Must(ch => !string.IsNullOrWhiteSpace(ch) && ch.Trim().Length <= Reviews.ReviewChapter.MaxCodeLength)
            .WithMessage($"Give each chapter by its code (1 to {Reviews.ReviewChapter.MaxCodeLength} characters, e.g. 3 or SPM).");
        RuleFor(c => c.Bodies).NotEmpty().WithMessage("Name the body you ask to nominate you: your government (its national focal point) or an organisation.");
        RuleForEach(c => c.Bodies).Must(b => b.Type != NominatorType.Government || Countries.IsKnown(b.CountryCode))
            .WithMessage(b => "A government nominates by its country: " + Countries.Unknown(b.Bodies.FirstOrDefault(x => x.Type == NominatorType.Government && !Countries.IsKnown(x.CountryCode))?.CountryCode));
        RuleForEach(c => c.Bodies).Must(b => b.Type != NominatorType.Organisation || !string.IsNullOrWhiteSpace(b.Organisation))
            .WithMessage("Give the organisation's name.");
        RuleFor(c => c.PreferredLanguage).Must(l => l is null || UnLanguages.IsSupported(l)).WithMessage("Your language for mail is one of the six UN languages: ar, en, es, fr, ru, zh.");
    }
}

public sealed class SubmitApplicationHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<SubmitApplication, CandidateView>
{
    public async ValueTask<CandidateView> Handle(SubmitApplication command, CancellationToken cancellationToken)
    {
        var userId = actor.UserId ?? throw new ForbiddenException("A candidate applies signed in as themselves: the application is under their account's email.");
        var call = await NominationLookup.CallAsync(db, catalog, command.AssessmentId, command.StepId, cancellationToken);
        var now = time.GetUtcNow();
        call.EnsureTakingApplications(now);
        var bodies = await ResolveBodiesAsync(command.Bodies, cancellationToken);
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { Email = u.Email!, u.NormalizedEmail }).FirstAsync(cancellationToken);
        var language = command.PreferredLanguage
            ?? await db.People.Where(p => p.NormalizedEmail == account.NormalizedEmail).Select(p => p.PreferredLanguage).FirstOrDefaultAsync(cancellationToken)
            ?? UnLanguages.English;
        var details = new ApplicationDetails(command.FullName, account.Email, language, command.Gender, command.Nationality, command.CountryOfWork, command.Institution,
            command.Disciplines, command.Keywords, command.Languages, command.RolesSought, command.Chapters);

        var groups = await EconomyGroups.LoadAsync(db, cancellationToken);
        var normalized = Person.NormalizeEmail(account.Email);
        var candidate = await db.Candidates.FirstOrDefaultAsync(c => c.AssessmentId == call.AssessmentId && c.CallStepId == call.StepId && c.NormalizedEmail == normalized, cancellationToken);
        var applied = candidate is null;
        if (candidate is null)
        {
            candidate = Candidate.Apply(call.AssessmentId, call.StepId, userId, details, now, groups);
            db.Candidates.Add(candidate);
        }
        else
        {
            // Nominated from outside the system first, then applying: the same person, now with their account.
            candidate.Update(details, now, groups);
            candidate.LinkAccount(userId);
        }

        var nominations = applied ? [] : await db.Nominations.Where(n => n.CandidateId == candidate.Id).ToListAsync(cancellationToken);
        var keys = bodies.Select(b => b.Key).ToHashSet(StringComparer.Ordinal);
        db.Nominations.RemoveRange(nominations.Where(n => n.Status == NominationStatus.Pending && !keys.Contains(n.BodyKey)));
        var asked = new List<Nomination>();
        foreach (var body in bodies.Where(b => nominations.All(n => n.BodyKey != b.Key)))
        {
            var nomination = Nomination.Nominate(candidate, body, now);
            db.Nominations.Add(nomination);
            asked.Add(nomination);
            db.NotificationEvents.Add(NotificationEvent.Queue(call.AssessmentId, NominationPayload.Received, call.StepId,
                new NominationPayload(nomination.Id, candidate.FullName, body.Key, body.Name, call.NominatorsDeadline), actor.Name, now));
        }

        db.JournalEntries.Add(JournalEntry.Record(call.AssessmentId, actor.Name, applied ? "nomination.applied" : "nomination.updated", call.StepId, null, candidate.FullName,
            $"bodies asked: {string.Join(", ", bodies.Select(b => b.Name))}{(asked.Count > 0 ? $"; notification queued: {NominationPayload.Received}" : string.Empty)}", now));
        var current = nominations.Where(n => n.Status != NominationStatus.Pending || keys.Contains(n.BodyKey)).Concat(asked);
        return CandidateView.From(candidate, current, withDecision: false);
    }

    // A government by its country; an organisation by the name it is registered under (a contact holds its role), so
    // that someone can act on the nomination.
    private async Task<List<NominationBody>> ResolveBodiesAsync(IReadOnlyList<NominationBody> bodies, CancellationToken cancellationToken)
    {
        var named = bodies.Where(b => b.Type == NominatorType.Organisation).Select(b => b.Organisation!.Trim().ToUpperInvariant()).ToList();
        var registered = named.Count == 0 ? [] : await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.StakeholderOrganisation && r.Organisation != null)
            .Select(r => r.Organisation!)
            .Distinct()
            .ToListAsync(cancellationToken);
        var resolved = new List<NominationBody>();
        foreach (var body in bodies)
        {
            if (body.Type == NominatorType.Government)
            {
                resolved.Add(new NominationBody(NominatorType.Government, Countries.Normalize(body.CountryCode!)));
                continue;
            }

            var match = registered.Find(r => string.Equals(r.Trim(), body.Organisation!.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ValidationFailedException("bodies", $"'{body.Organisation!.Trim()}' is not an organisation registered to nominate; ask it to register with the secretariat, or name your government.");
            resolved.Add(new NominationBody(NominatorType.Organisation, null, match));
        }

        return resolved.DistinctBy(b => b.Key, StringComparer.Ordinal).ToList();
    }
}

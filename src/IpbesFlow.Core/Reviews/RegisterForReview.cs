using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>A reviewer registers for an open or upcoming review: as an expert in their own name, as the focal point
/// of their country's government (one consolidated set per country, shared by its focal points), or for a stakeholder
/// organisation. They pick chapters and accept the confidentiality terms; then they may download the drafts while the
/// review is open. Registering again adds chapters. The terms of a review whose compilation is published say that the
/// reviewer is named beside their comments once it is; <paramref name="Anonymous"/> registers without that.</summary>
public sealed record RegisterForReview(
    Guid AssessmentId, string StepId, ReviewerType As, IReadOnlyList<string> Chapters, bool AcceptTerms, string? CountryCode = null, string? Organisation = null, bool Anonymous = false)
    : ICommand<RegistrationView>;

public sealed record RegistrationView(
    Guid Id, ReviewerType ReviewerType, string ReviewerName, string? CountryCode, string? Organisation, IReadOnlyList<string> Chapters, DateTimeOffset RegisteredAt, DateTimeOffset TermsAcceptedAt,
    bool PublishIdentity)
{
    public static RegistrationView From(ReviewRegistration r) =>
        new(r.Id, r.ReviewerType, r.ReviewerName, r.CountryCode, r.Organisation, r.ChapterCodes, r.RegisteredAt, r.TermsAcceptedAt, r.PublishIdentity);
}

public sealed class RegisterForReviewValidator : AbstractValidator<RegisterForReview>
{
    public RegisterForReviewValidator()
    {
        RuleFor(c => c.AcceptTerms).Equal(true).WithMessage("Accept the confidentiality terms of the review to register: the drafts are not to be cited, quoted or circulated.");
        RuleFor(c => c.Chapters).NotEmpty().WithMessage("Pick at least one chapter to review.");
        RuleFor(c => c.As).IsInEnum().WithMessage("Register as expert, government or organisation.");
        RuleFor(c => c.CountryCode).Must(c => c is null || (c.Trim().Length == 2 && c.Trim().All(char.IsAsciiLetter)))
            .WithMessage("Give a two-letter ISO 3166 country code, e.g. KE.");
        RuleFor(c => c.Organisation).MaximumLength(300);
    }
}

public sealed class RegisterForReviewHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<RegisterForReview, RegistrationView>
{
    public async ValueTask<RegistrationView> Handle(RegisterForReview command, CancellationToken cancellationToken)
    {
        var userId = actor.UserId ?? throw new ForbiddenException("Registering for a review is done by the reviewer, signed in as themselves.");
        var step = await ReviewLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var now = time.GetUtcNow();
        if (step.State is StepState.Skipped or StepState.Cancelled || step.ClosesAt is not { } closes)
        {
            throw new ConflictException($"Review {step.StepId} was {step.State.ToString().ToLowerInvariant()}; it takes no registrations.");
        }

        if (now >= closes)
        {
            throw new ConflictException($"Review {step.StepId} closed at {WindowTimeZone.Describe(closes, await ReviewLookup.TimeZoneOfAsync(db, step.AssessmentId, cancellationToken))}; it takes no more registrations.");
        }

        var unknown = command.Chapters.Where(c => round.FindChapter(c) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationFailedException("chapters", $"{string.Join(", ", unknown.Select(u => $"'{u.Trim()}'"))} not a chapter of this review; the chapters are {string.Join(", ", round.Chapters.OrderBy(c => c.Ordinal).Select(c => c.Code))}.");
        }

        await EnsureInAudienceAsync(step, command.As, cancellationToken);
        var (name, country, organisation) = await ReviewerAsync(command, userId, cancellationToken);
        var chapters = command.Chapters.Select(c => round.Chapter(c).Code).Distinct(StringComparer.Ordinal).ToList();
        var key = ReviewRegistration.KeyFor(command.As, userId, country, organisation);
        var registration = await db.ReviewRegistrations.FirstOrDefaultAsync(r => r.RoundId == round.Id && r.ReviewerKey == key, cancellationToken);
        string? before = null;
        if (registration is null)
        {
            registration = ReviewRegistration.Register(round, command.As, userId, name, country, organisation, chapters, !command.Anonymous, now);
            db.ReviewRegistrations.Add(registration);
        }
        else if (chapters.All(registration.ChapterCodes.Contains) && registration.PublishIdentity == !command.Anonymous)
        {
            // The same registration again (a double click, a retry): nothing changes, nobody is told twice.
            return RegistrationView.From(registration);
        }
        else
        {
            // A government's second focal point joins the country's set; anyone registering again adds chapters.
            before = string.Join(", ", registration.ChapterCodes);
            registration.AcceptAgain(chapters, !command.Anonymous, now);
        }

        if (command.As == ReviewerType.Expert && !await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == Role.Reviewer && r.AssessmentId == step.AssessmentId && r.ReviewStepId == step.StepId, cancellationToken))
        {
            // The reviewer role is what the review's notifications (opened, closing soon, closed) go by.
            db.RoleAssignments.Add(RoleAssignment.Grant(userId, new RoleScope(Role.Reviewer, step.AssessmentId, ReviewStepId: step.StepId), userId, now));
        }

        db.NotificationEvents.Add(NotificationEvent.Queue(step.AssessmentId, RegistrationPayload.Event, step.StepId, new RegistrationPayload(userId), actor.Name, now));
        db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, "review.registered", step.StepId,
            before is null ? null : $"{registration.ReviewerName}: chapters {before}", $"{registration.ReviewerName}: chapters {string.Join(", ", registration.ChapterCodes)}",
            $"{CommentSheet.ReviewerTypeName(command.As)}; terms accepted{(command.Anonymous ? ", anonymously" : string.Empty)}; notification queued: {RegistrationPayload.Event}", now));
        return RegistrationView.From(registration);
    }

    private async Task EnsureInAudienceAsync(AssessmentStep step, ReviewerType type, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == step.AssessmentId).Select(a => new { a.WorkflowId, a.WorkflowVersion }).FirstAsync(cancellationToken);
        var audience = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion)?.FindStep(step.StepId)?.Audience ?? [];
        var allowed = type switch
        {
            ReviewerType.Government => audience.Contains(Audience.Governments),
            ReviewerType.Organisation => audience.Contains(Audience.Stakeholders),
            // In its own name: any expert for an external review; for an internal one (the zero-order draft), the
            // assessment's authors, the MEP or the Bureau, as the review's audience says.
            _ => audience.Contains(Audience.Experts) || await IsInInternalAudienceAsync(step.AssessmentId, audience, cancellationToken),
        };
        if (!allowed)
        {
            throw new ConflictException($"Review {step.StepId} is for {string.Join(", ", audience.Select(a => a.ToString().ToLowerInvariant()))}; it takes no {CommentSheet.ReviewerTypeName(type)} registrations.", "as");
        }
    }

    private async Task<bool> IsInInternalAudienceAsync(Guid assessmentId, IReadOnlyList<Audience> audience, CancellationToken cancellationToken)
    {
        var authors = audience.Contains(Audience.Authors) || audience.Contains(Audience.ReviewEditors);
        var mep = audience.Contains(Audience.Mep);
        var bureau = audience.Contains(Audience.Bureau);
        var userId = actor.UserId;
        return await db.RoleAssignments.AnyAsync(r => r.UserId == userId
            && ((authors && r.Role == Role.Author && r.AssessmentId == assessmentId) || (mep && r.Role == Role.MepMember) || (bureau && r.Role == Role.BureauMember)), cancellationToken);
    }

    private async Task<(string Name, string? Country, string? Organisation)> ReviewerAsync(RegisterForReview command, Guid userId, CancellationToken cancellationToken)
    {
        var country = command.CountryCode?.Trim().ToUpperInvariant();
        var organisation = string.IsNullOrWhiteSpace(command.Organisation) ? null : command.Organisation.Trim();
        switch (command.As)
        {
            case ReviewerType.Government:
                var countries = await db.RoleAssignments.Where(r => r.UserId == userId && r.Role == Role.NationalFocalPoint).Select(r => r.CountryCode!).ToListAsync(cancellationToken);
                country ??= countries.Count == 1 ? countries[0] : null;
                if (country is null || !countries.Contains(country, StringComparer.Ordinal))
                {
                    throw countries.Count == 0 ? new ForbiddenException("Only a national focal point registers a government for a review.")
                        : country is null ? new ValidationFailedException("countryCode", $"Say which country you register for: you are the focal point of {string.Join(", ", countries)}.")
                        : new ForbiddenException($"You are not the focal point of {country}; you register for {string.Join(", ", countries)}.");
                }

                return ($"Government of {country}", country, null);

            case ReviewerType.Organisation:
                var organisations = await db.RoleAssignments.Where(r => r.UserId == userId && r.Role == Role.StakeholderOrganisation).Select(r => r.Organisation!).ToListAsync(cancellationToken);
                organisation ??= organisations.Count == 1 ? organisations[0] : null;
                var match = organisations.Find(o => string.Equals(o, organisation, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    throw organisations.Count == 0
                        ? new ForbiddenException("Only a registered stakeholder organisation registers as an organisation.")
                        : new ValidationFailedException("organisation", $"Say which organisation you register for: {string.Join(", ", organisations)}.");
                }

                return (match, country, match);

            default:
                var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.FullName, u.NormalizedEmail }).FirstAsync(cancellationToken);
                var person = await db.People.AsNoTracking().Where(p => p.NormalizedEmail == user.NormalizedEmail).Select(p => new { p.CountryCode, p.Organisation }).FirstOrDefaultAsync(cancellationToken);
                country ??= person?.CountryCode;
                organisation ??= person?.Organisation;
                if (country is null)
                {
                    throw new ValidationFailedException("countryCode", "Give your country (two-letter ISO 3166 code): the published compilation names each reviewer with their country.");
                }

                return (user.FullName, country, organisation);
        }
    }
}

using IpbesFlow.Common;

namespace IpbesFlow.Identity;

/// <summary>One role held by one account, with its scope. The scope each role needs is enforced here, so an
/// unscoped TSU member or an author without an assessment cannot exist.</summary>
public sealed class RoleAssignment
{
    private RoleAssignment()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Role Role { get; private set; }

    public Guid? AssessmentId { get; private set; }

    public AuthorRole? AuthorRole { get; private set; }

    /// <summary>For reviewers: the review step they registered for (e.g. <c>fod-review</c>).</summary>
    public string? ReviewStepId { get; private set; }

    public string? CountryCode { get; private set; }

    public string? Organisation { get; private set; }

    /// <summary>For authors: the chapter they write or edit (e.g. <c>3</c>, <c>SPM</c>); none for co-chairs and
    /// anyone who works across the assessment.</summary>
    public string? Chapter { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public Guid? GrantedBy { get; private set; }

    public static RoleAssignment Grant(Guid userId, RoleScope scope, Guid? grantedBy, DateTimeOffset now)
    {
        var problems = scope.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        return new RoleAssignment
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Role = scope.Role,
            AssessmentId = scope.AssessmentId,
            AuthorRole = scope.AuthorRole,
            ReviewStepId = scope.ReviewStepId,
            CountryCode = scope.CountryCode?.ToUpperInvariant(),
            Organisation = scope.Organisation?.Trim(),
            Chapter = scope.Chapter is null ? null : Reviews.ReviewChapter.Normalize(scope.Chapter),
            GrantedAt = now,
            GrantedBy = grantedBy,
        };
    }

    public RoleScope Scope => new(Role, AssessmentId, AuthorRole, ReviewStepId, CountryCode, Organisation, Chapter);
}

/// <summary>A role and what it applies to.</summary>
public sealed record RoleScope(Role Role, Guid? AssessmentId = null, AuthorRole? AuthorRole = null, string? ReviewStepId = null, string? CountryCode = null, string? Organisation = null, string? Chapter = null)
{
    public IEnumerable<FieldError> Problems()
    {
        var needsAssessment = Role is Role.TsuMember or Role.Author or Role.Reviewer;
        if (needsAssessment && AssessmentId is null)
        {
            yield return new FieldError("assessmentId", $"A {Claims.Name(Role)} role holds for one assessment: give its id.");
        }

        if (!needsAssessment && AssessmentId is not null)
        {
            yield return new FieldError("assessmentId", $"A {Claims.Name(Role)} role is not scoped to an assessment.");
        }

        if (Role == Role.Author && AuthorRole is null)
        {
            yield return new FieldError("authorRole", "An author role needs its place in the team (co-chair, coordinating-lead-author, lead-author, contributing-author, review-editor, fellow).");
        }

        if (Role == Role.Reviewer && string.IsNullOrWhiteSpace(ReviewStepId))
        {
            yield return new FieldError("reviewStepId", "A reviewer role holds for one review: give the review step id, e.g. fod-review.");
        }

        if (Role == Role.NationalFocalPoint && (CountryCode is null || CountryCode.Length != 2 || !CountryCode.All(char.IsAsciiLetter)))
        {
            yield return new FieldError("countryCode", "A national focal point acts for one country: give its two-letter ISO 3166 code.");
        }

        if (Chapter is not null && (Role != Role.Author || string.IsNullOrWhiteSpace(Chapter) || Chapter.Trim().Length > Reviews.ReviewChapter.MaxCodeLength))
        {
            yield return new FieldError("chapter", Role == Role.Author
                ? $"Give the chapter's code (1 to {Reviews.ReviewChapter.MaxCodeLength} characters, e.g. 3 or SPM), or none for the whole assessment."
                : "Only an author's role is scoped to a chapter.");
        }

        if (Role == Role.StakeholderOrganisation && string.IsNullOrWhiteSpace(Organisation))
        {
            yield return new FieldError("organisation", "A stakeholder role acts for one organisation: give its name.");
        }
    }
}

using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.People;

namespace IpbesFlow.Nominations;

/// <summary>How a candidate describes their gender; the balance counts each.</summary>
public enum Gender
{
    Female,
    Male,
    Other,
    Undisclosed,
}

/// <summary>The fields of knowledge IPBES balances its expert groups across.</summary>
public enum Discipline
{
    NaturalSciences,
    SocialSciences,
    Humanities,
    IndigenousAndLocalKnowledge,
    PolicyAndPractice,
}

/// <summary>What the MEP decided for a candidate.</summary>
public enum SelectionOutcome
{
    Undecided,
    Selected,
    Reserve,
    NotSelected,
}

/// <summary>A person who applied to a call for nominations (or was nominated into it from outside the system): one per
/// call and email address, however many bodies nominate them. The application is theirs to update while the call is
/// open; the MEP's decision is recorded on it during the selection, and takes effect when the selection completes.</summary>
public sealed class Candidate
{
    public const int MaxKeywordsLength = 1000;
    public const int MaxInstitutionLength = 300;
    public const int MaxNoteLength = 1000;
    public const int MaxLanguagesLength = 100;
    public const int MaxChaptersLength = 500;

    /// <summary>The roles a candidate may seek (contributing authors are invited by the chapters' authors, not selected).</summary>
    public static IReadOnlyList<AuthorRole> SelectableRoles { get; } =
        [AuthorRole.CoChair, AuthorRole.CoordinatingLeadAuthor, AuthorRole.LeadAuthor, AuthorRole.ReviewEditor, AuthorRole.Fellow];

    private Candidate()
    {
    }

    public Guid Id { get; private set; }

    public Guid AssessmentId { get; private set; }

    /// <summary>The call for nominations applied to.</summary>
    public string CallStepId { get; private set; } = string.Empty;

    /// <summary>The candidate's account, when they applied themselves (or once they are selected).</summary>
    public Guid? UserId { get; private set; }

    public string FullName { get; private set; } = string.Empty;

    public string Email { get; private set; } = string.Empty;

    public string NormalizedEmail { get; private set; } = string.Empty;

    /// <summary>The UN language their result is written in.</summary>
    public string PreferredLanguage { get; private set; } = UnLanguages.English;

    public Gender Gender { get; private set; }

    public string Nationality { get; private set; } = string.Empty;

    public string CountryOfWork { get; private set; } = string.Empty;

    public string Institution { get; private set; } = string.Empty;

    /// <summary>Separated by '|', in <see cref="Discipline"/> names.</summary>
    public string Disciplines { get; private set; } = string.Empty;

    public string Keywords { get; private set; } = string.Empty;

    /// <summary>The languages they work in, ISO 639-1 codes separated by '|'.</summary>
    public string Languages { get; private set; } = string.Empty;

    /// <summary>Separated by '|', in <see cref="AuthorRole"/> names.</summary>
    public string RolesSought { get; private set; } = string.Empty;

    /// <summary>Chapters of interest, separated by '|'.</summary>
    public string Chapters { get; private set; } = string.Empty;

    /// <summary>The region the balance counts them in: their nationality's.</summary>
    public UnRegion Region { get; private set; }

    public EconomyGroup Economy { get; private set; }

    public string? CvFileName { get; private set; }

    public DateTimeOffset AppliedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public SelectionOutcome Outcome { get; private set; }

    public AuthorRole? SelectedRole { get; private set; }

    public string? SelectedChapter { get; private set; }

    public string? DecisionNote { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>When the selection completed with this candidate's outcome (and they were told).</summary>
    public DateTimeOffset? ResultAt { get; private set; }

    /// <summary>Once the selected expert has resigned (their roles on the assessment withdrawn), or a reserve has been
    /// invited in someone's place.</summary>
    public DateTimeOffset? ResignedAt { get; private set; }

    public Guid? ReplacesCandidateId { get; private set; }

    public IReadOnlyList<Discipline> DisciplineList => Split(Disciplines).Select(Enum.Parse<Discipline>).ToList();

    public IReadOnlyList<AuthorRole> RolesSoughtList => Split(RolesSought).Select(Enum.Parse<AuthorRole>).ToList();

    public IReadOnlyList<string> ChapterList => Split(Chapters);

    public IReadOnlyList<string> LanguageList => Split(Languages);

    public bool IsFinal => ResultAt is not null;

    public static Candidate Apply(Guid assessmentId, string callStepId, Guid? userId, ApplicationDetails details, DateTimeOffset now, EconomyGroups? groups = null)
    {
        var candidate = new Candidate
        {
            Id = Guid.CreateVersion7(now),
            AssessmentId = assessmentId,
            CallStepId = callStepId,
            UserId = userId,
            Email = details.Email.Trim(),
            NormalizedEmail = Person.NormalizeEmail(details.Email),
            AppliedAt = now,
        };
        candidate.Update(details, now, groups);
        return candidate;
    }

    /// <summary>The candidate applies again: the application is replaced by the new one (their email stays). The economic
    /// group is the secretariat's classification of their nationality when <paramref name="groups"/> is given.</summary>
    public void Update(ApplicationDetails details, DateTimeOffset now, EconomyGroups? groups = null)
    {
        EnsureNotFinal();
        EnsureFits(details);
        FullName = details.FullName.Trim();
        PreferredLanguage = UnLanguages.IsSupported(details.PreferredLanguage) ? details.PreferredLanguage : UnLanguages.English;
        Gender = details.Gender;
        Nationality = Countries.Normalize(details.Nationality);
        CountryOfWork = Countries.Normalize(details.CountryOfWork);
        Institution = details.Institution.Trim();
        Disciplines = Join(details.Disciplines.Distinct().Order().Select(d => d.ToString()));
        Keywords = details.Keywords.Trim();
        Languages = Join(details.Languages.Select(l => l.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal));
        RolesSought = Join(details.RolesSought.Distinct().Order().Select(r => r.ToString()));
        Chapters = Join(details.Chapters.Select(Reviews.ReviewChapter.Normalize).Distinct(StringComparer.Ordinal));
        Region = Countries.RegionOf(Nationality);
        Economy = groups?.Of(Nationality) ?? Countries.EconomyOf(Nationality);
        UpdatedAt = now;
    }

    public void LinkAccount(Guid userId) => UserId ??= userId;

    public void AttachCv(string fileName, DateTimeOffset now)
    {
        EnsureNotFinal();
        CvFileName = fileName;
        UpdatedAt = now;
    }

    /// <summary>The MEP's decision, while the selection is open; a selected expert takes a role and, unless co-chair or
    /// fellow, a chapter.</summary>
    public void Decide(SelectionOutcome outcome, AuthorRole? role, string? chapter, string? note, string actor, DateTimeOffset now)
    {
        EnsureNotFinal();
        if (outcome == SelectionOutcome.Selected)
        {
            if (role is not { } chosen || !SelectableRoles.Contains(chosen))
            {
                throw new ValidationFailedException("role", $"Say in which role {FullName} is selected: {string.Join(", ", SelectableRoles.Select(Claims.Name))}.");
            }

            if (NeedsChapter(chosen) && string.IsNullOrWhiteSpace(chapter))
            {
                throw new ValidationFailedException("chapter", $"A {Claims.Name(chosen)} is selected for a chapter: say which.");
            }
        }

        Outcome = outcome;
        SelectedRole = outcome == SelectionOutcome.Selected ? role : null;
        SelectedChapter = outcome == SelectionOutcome.Selected && !string.IsNullOrWhiteSpace(chapter) ? Reviews.ReviewChapter.Normalize(chapter) : null;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DecidedBy = actor;
        DecidedAt = now;
    }

    /// <summary>The selection completed: the outcome is final (an undecided candidate was not selected).</summary>
    public void Finalise(DateTimeOffset now)
    {
        if (Outcome == SelectionOutcome.Undecided)
        {
            Outcome = SelectionOutcome.NotSelected;
        }

        ResultAt = now;
    }

    /// <summary>A selected expert resigns; their place may be taken by a reserve.</summary>
    public void Resign(DateTimeOffset now)
    {
        if (Outcome != SelectionOutcome.Selected || ResignedAt is not null)
        {
            throw new ConflictException($"{FullName} is not a serving selected expert of this assessment.");
        }

        ResignedAt = now;
    }

    /// <summary>A reserve is invited in the place of <paramref name="resigned"/>, in their role and chapter.</summary>
    public void TakePlaceOf(Candidate resigned, string actor, DateTimeOffset now)
    {
        if (Outcome != SelectionOutcome.Reserve || !IsFinal)
        {
            throw new ConflictException($"{FullName} is not on the reserve list of this assessment.");
        }

        Outcome = SelectionOutcome.Selected;
        SelectedRole = resigned.SelectedRole;
        SelectedChapter = resigned.SelectedChapter;
        ReplacesCandidateId = resigned.Id;
        DecisionNote = $"in place of {resigned.FullName}";
        DecidedBy = actor;
        DecidedAt = now;
    }

    // What the columns hold, checked here for every way in (an application, an imported row): bad input is refused,
    // never cut short or left for the database to refuse.
    private static void EnsureFits(ApplicationDetails details)
    {
        var problems = new List<FieldError>();
        void Check(string field, int length, int max, string what)
        {
            if (length > max)
            {
                problems.Add(new FieldError(field, $"{what} is {length} characters; at most {max} are kept."));
            }
        }

        Check("fullName", details.FullName.Trim().Length, Person.MaxNameLength, "The name");
        Check("institution", details.Institution.Trim().Length, MaxInstitutionLength, "The institution");
        Check("keywords", details.Keywords.Trim().Length, MaxKeywordsLength, "The expertise");
        Check("languages", Join(details.Languages.Select(l => l.Trim())).Length, MaxLanguagesLength, "The list of languages");
        Check("chapters", Join(details.Chapters.Select(c => c.Trim())).Length, MaxChaptersLength, "The list of chapters");
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
    }

    public static bool NeedsChapter(AuthorRole role) => role is AuthorRole.CoordinatingLeadAuthor or AuthorRole.LeadAuthor or AuthorRole.ReviewEditor;

    private void EnsureNotFinal()
    {
        if (IsFinal)
        {
            throw new ConflictException($"The selection was completed on {ResultAt:yyyy-MM-dd}: {FullName}'s application and outcome are final.");
        }
    }

    private static string Join(IEnumerable<string> values) => string.Join('|', values);

    private static List<string> Split(string values) => [.. values.Split('|', StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>What an application says about the candidate.</summary>
public sealed record ApplicationDetails(
    string FullName, string Email, string PreferredLanguage, Gender Gender, string Nationality, string CountryOfWork, string Institution,
    IReadOnlyList<Discipline> Disciplines, string Keywords, IReadOnlyList<string> Languages, IReadOnlyList<AuthorRole> RolesSought, IReadOnlyList<string> Chapters);

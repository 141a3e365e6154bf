using IpbesFlow.Identity;

namespace IpbesFlow.Nominations;

public sealed record NominationView(
    Guid Id, NominatorType NominatorType, string Body, string? CountryCode, string? Organisation, NominationStatus Status, DateTimeOffset NominatedAt, DateTimeOffset? DecidedAt, string? Note)
{
    public static NominationView From(Nomination n) => new(n.Id, n.NominatorType, n.BodyName, n.CountryCode, n.Organisation, n.Status, n.NominatedAt, n.DecidedAt, n.Note);
}

/// <summary>A candidate as one viewer may see them: their nominations (a nominating body, only its own), and the MEP's
/// decision (before the selection completes, only to those who run it).</summary>
public sealed record CandidateView(
    Guid Id, string FullName, string Email, string PreferredLanguage, Gender Gender, string Nationality, string CountryOfWork, UnRegion Region, EconomyGroup Economy,
    string Institution, IReadOnlyList<Discipline> Disciplines, string Keywords, IReadOnlyList<string> Languages, IReadOnlyList<AuthorRole> RolesSought,
    IReadOnlyList<string> Chapters, string? CvFileName, DateTimeOffset AppliedAt, DateTimeOffset UpdatedAt, IReadOnlyList<NominationView> Nominations,
    SelectionOutcome? Outcome, AuthorRole? SelectedRole, string? SelectedChapter, string? DecisionNote, DateTimeOffset? ResultAt, bool Resigned)
{
    /// <summary>Nominated by more than one body: shown to the MEP as one candidate with several nominations.</summary>
    public bool NominatedSeveralTimes => Nominations.Count > 1;

    public static CandidateView From(Candidate c, IEnumerable<Nomination> nominations, bool withDecision) => new(
        c.Id, c.FullName, c.Email, c.PreferredLanguage, c.Gender, c.Nationality, c.CountryOfWork, c.Region, c.Economy, c.Institution, c.DisciplineList, c.Keywords,
        c.LanguageList, c.RolesSoughtList, c.ChapterList, c.CvFileName, c.AppliedAt, c.UpdatedAt,
        nominations.OrderBy(n => n.NominatedAt).Select(NominationView.From).ToList(),
        withDecision || c.IsFinal ? c.Outcome : null,
        withDecision || c.IsFinal ? c.SelectedRole : null,
        withDecision || c.IsFinal ? c.SelectedChapter : null,
        withDecision ? c.DecisionNote : null,
        c.ResultAt,
        c.ResignedAt is not null);
}

/// <summary>A call for nominations as its page shows it: its window and the nominators' deadline, in UTC and where the
/// assessment's windows are given.</summary>
public sealed record CallView(
    Guid AssessmentId, string AssessmentTitle, string StepId, string Title, string TimeZone, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, DateTimeOffset? NominatorsDeadline,
    bool TakingApplications, bool TakingApprovals, string? SelectionStepId);

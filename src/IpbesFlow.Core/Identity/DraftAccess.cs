namespace IpbesFlow.Identity;

/// <summary>Who may download a draft under review: reviewers registered for that review while its window is open,
/// and the assessment's authors and TSU at any time. Drafts are confidential; nobody else, admins included, reads them
/// through this rule. The review window comes from the database, never from whether a timer has fired.</summary>
public static class DraftAccess
{
    public static bool MayDownload(bool isTsu, bool isAuthor, bool isRegisteredReviewer, DateTimeOffset? opensAt, DateTimeOffset? closesAt, DateTimeOffset now)
    {
        if (isTsu || isAuthor)
        {
            return true;
        }

        return isRegisteredReviewer && opensAt is { } opens && closesAt is { } closes && now >= opens && now < closes;
    }
}

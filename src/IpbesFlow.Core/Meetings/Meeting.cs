using IpbesFlow.Common;
using IpbesFlow.Workflows;

namespace IpbesFlow.Meetings;

/// <summary>Where and how an assessment's meeting is held, as its TSU sets it up: in person at a venue (city, country,
/// address, host, the venue's time zone), online with its link, or both; and the day by which participants reply. The
/// dates are the step's (moved by rescheduling, as any step).</summary>
public sealed class MeetingVenue
{
    public const int MaxTextLength = 300;

    private MeetingVenue()
    {
    }

    public Guid AssessmentId { get; private set; }

    public string StepId { get; private set; } = string.Empty;

    public MeetingMode Mode { get; private set; }

    public string? City { get; private set; }

    public string? CountryCode { get; private set; }

    public string? Address { get; private set; }

    public string? Host { get; private set; }

    public string? OnlineLink { get; private set; }

    /// <summary>IANA name of the venue's time zone (the online meeting's, for one held online).</summary>
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>Replies are taken until this instant.</summary>
    public DateTimeOffset ReplyBy { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public string ChangedBy { get; private set; } = string.Empty;

    /// <summary>Where, as a calendar and a mail say it: the venue's address, city and country; or the online link.</summary>
    public string Location => Mode == MeetingMode.Online
        ? OnlineLink ?? string.Empty
        : string.Join(", ", new[] { Address, City, CountryCode }.Where(p => !string.IsNullOrWhiteSpace(p))) + (Mode == MeetingMode.Hybrid && OnlineLink is { } link ? $" (and online: {link})" : string.Empty);

    public static MeetingVenue Create(Guid assessmentId, string stepId) => new() { AssessmentId = assessmentId, StepId = stepId };

    public void Set(MeetingMode mode, string? city, string? countryCode, string? address, string? host, string? onlineLink, string timeZone, DateTimeOffset replyBy, string actor, DateTimeOffset now)
    {
        var problems = new List<FieldError>();
        if (mode != MeetingMode.Online && (string.IsNullOrWhiteSpace(city) || string.IsNullOrWhiteSpace(countryCode)))
        {
            problems.Add(new FieldError("city", "A meeting held in person needs its city and country."));
        }

        if (mode != MeetingMode.InPerson && !(Uri.TryCreate(onlineLink, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            problems.Add(new FieldError("onlineLink", "A meeting held online needs its link (https://...)."));
        }

        if (!Assessments.WindowTimeZone.TryFind(timeZone, out _))
        {
            problems.Add(new FieldError("timeZone", $"'{timeZone}' is not a time zone name of the IANA database, e.g. Africa/Nairobi or Europe/Berlin."));
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        Mode = mode;
        City = Trim(city);
        CountryCode = Trim(countryCode)?.ToUpperInvariant();
        Address = Trim(address);
        Host = Trim(host);
        OnlineLink = mode == MeetingMode.InPerson ? null : onlineLink!.Trim();
        TimeZone = Assessments.WindowTimeZone.Name(timeZone);
        ReplyBy = replyBy;
        ChangedAt = now;
        ChangedBy = actor;
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A participant's answer to the invitation.</summary>
public enum MeetingReply
{
    None,
    Attending,
    Online,
    NotAttending,
}

/// <summary>A participant's request for travel support, and the TSU's decision.</summary>
public enum TravelSupport
{
    None,
    Requested,
    Approved,
    Declined,
}

/// <summary>Someone invited to a meeting: by default the step's audience (authors, review editors, MEP...), or added by
/// the TSU; removed ones stay, marked, so that the record says who was taken off. Their reply, their request for travel
/// support, and whether they came.</summary>
public sealed class MeetingParticipant
{
    private MeetingParticipant()
    {
    }

    public Guid Id { get; private set; }

    public Guid AssessmentId { get; private set; }

    public string StepId { get; private set; } = string.Empty;

    public Guid UserId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Email { get; private set; } = string.Empty;

    public string? CountryCode { get; private set; }

    public bool AddedByHand { get; private set; }

    public DateTimeOffset? RemovedAt { get; private set; }

    public MeetingReply Reply { get; private set; }

    public DateTimeOffset? RepliedAt { get; private set; }

    public TravelSupport TravelSupport { get; private set; }

    public string? TravelNote { get; private set; }

    public string? TravelDecidedBy { get; private set; }

    public DateTimeOffset? TravelDecidedAt { get; private set; }

    public bool? Attended { get; private set; }

    /// <summary>Who still hears of the meeting's changes: those on the list who have not declined (a query's filter, so
    /// that the database applies the rule).</summary>
    public static System.Linq.Expressions.Expression<Func<MeetingParticipant, bool>> HearsOfChanges { get; } =
        p => p.RemovedAt == null && p.Reply != MeetingReply.NotAttending;

    public static MeetingParticipant Invite(Guid assessmentId, string stepId, Guid userId, string name, string email, string? countryCode, bool byHand, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        AssessmentId = assessmentId,
        StepId = stepId,
        UserId = userId,
        Name = name,
        Email = email,
        CountryCode = countryCode,
        AddedByHand = byHand,
    };

    public void Remove(DateTimeOffset now) => RemovedAt ??= now;

    public void InviteAgain()
    {
        RemovedAt = null;
        AddedByHand = true;
    }

    /// <summary>The participant replies, until the meeting's reply-by instant; travel support is asked with the reply, by
    /// someone coming in person from a country that may receive it.</summary>
    public void Answer(MeetingReply reply, bool requestTravelSupport, bool mayReceiveSupport, string? note, DateTimeOffset now, DateTimeOffset replyBy, string replyByText)
    {
        if (now >= replyBy)
        {
            throw new ConflictException($"Replies were due by {replyByText}; ask the technical support unit.");
        }

        if (reply == MeetingReply.None)
        {
            throw new ValidationFailedException("reply", "Reply attending, online or not-attending.");
        }

        if (requestTravelSupport && (reply != MeetingReply.Attending || !mayReceiveSupport))
        {
            throw new ValidationFailedException("travelSupport", reply != MeetingReply.Attending
                ? "Travel support is for those who come in person."
                : "Travel support is for experts from developing countries and economies in transition; your record names another country (or none).");
        }

        Reply = reply;
        RepliedAt = now;
        if (requestTravelSupport && TravelSupport == TravelSupport.None)
        {
            TravelSupport = TravelSupport.Requested;
            TravelNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        }
        else if (!requestTravelSupport && TravelSupport == TravelSupport.Requested)
        {
            TravelSupport = TravelSupport.None;
            TravelNote = null;
        }
    }

    public void DecideTravel(bool approve, string? note, string actor, DateTimeOffset now)
    {
        if (TravelSupport == TravelSupport.None)
        {
            throw new ConflictException($"{Name} has not asked for travel support.");
        }

        TravelSupport = approve ? TravelSupport.Approved : TravelSupport.Declined;
        TravelNote = string.IsNullOrWhiteSpace(note) ? TravelNote : note.Trim();
        TravelDecidedBy = actor;
        TravelDecidedAt = now;
    }

    public void RecordAttendance(bool attended) => Attended = attended;
}

namespace IpbesFlow.Notifications;

// What a queued notification carries, one record per shape: the writer (an event's handler, a command) and the reader
// (the dispatcher's recipe) use the same type, so that the JSON between them is a contract the compiler checks.

/// <summary>Nothing beyond the event, its assessment and its step.</summary>
public sealed record NoPayload;

/// <summary>A reminder or a notice ahead of a date: the whole days really left.</summary>
public sealed record DaysLeftPayload(int DaysLeft);

/// <summary>A meeting's invitation, change or cancellation: the iCalendar SEQUENCE people are sent.</summary>
public sealed record MeetingPayload(int Sequence);

/// <summary>Why a person did what the event reports (a window closed early), if they said.</summary>
public sealed record ReasonPayload(string? Reason);

/// <summary>A registration, confirmed to the person who made it.</summary>
public sealed record RegistrationPayload(Guid UserId)
{
    /// <summary>The notification's name, and its template's.</summary>
    public const string Event = "registration-confirmed";
}

/// <summary>A schedule that moved: why, and each step's dates before and after (<c>yyyy-mm-dd..yyyy-mm-dd</c>, or null for
/// a step added or removed).</summary>
public sealed record ScheduleChangePayload(string? Reason, IReadOnlyList<ScheduleChangePayload.Change> Changes)
{
    public sealed record Change(string? Step, string? From, string? To);
}

/// <summary>A candidate asked a body to nominate them: the body's contacts hear it, with the deadline to act by.</summary>
public sealed record NominationPayload(Guid NominationId, string CandidateName, string BodyKey, string Body, DateTimeOffset? Deadline)
{
    /// <summary>The notification's name, and its template's.</summary>
    public const string Received = "nomination-received";
}

/// <summary>A selection completed: every candidate hears their outcome, every nominating body its nominees'.</summary>
public sealed record SelectionOutcomesPayload(string CallStepId)
{
    public const string Event = "selection-outcomes";
}

/// <summary>A reserve invited in a resigned expert's place: they hear that they are selected.</summary>
public sealed record ReserveInvitedPayload(Guid CandidateId)
{
    public const string Event = "reserve-invited";
}

/// <summary>Selected experts who have not submitted their disclosure, reminded.</summary>
public sealed record DisclosureReminderPayload(IReadOnlyList<Guid> CandidateIds)
{
    public const string Event = "disclosure-reminder";
}

/// <summary>Participants of a meeting who have not replied, reminded, with the instant replies close.</summary>
public sealed record MeetingReplyReminderPayload(IReadOnlyList<Guid> UserIds, DateTimeOffset ReplyBy)
{
    public const string Event = "meeting-reply-reminder";
}

using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace IpbesFlow.Notifications;

/// <summary>A meeting as an iCalendar invitation (RFC 5546): one UID per meeting of an assessment, so that calendars
/// update the entry they already have; SEQUENCE raised by every change; METHOD:CANCEL for a cancellation. Meetings
/// are planned in whole days, so the event is all-day, from the first day to the day after the last. Each message is
/// one person's: it names them as the ATTENDEE (RSVP asked) beside the ORGANIZER, and says where (LOCATION: the venue,
/// or the online meeting's link), as strict clients require; one PRODID, ours.</summary>
public static class MeetingInvitation
{
    public static string Uid(Guid assessmentId, string stepId, string domain) => $"{assessmentId:N}.{stepId}@{domain}";

    public static string Ics(
        Guid assessmentId, string assessmentTitle, string stepId, string stepTitle, DateOnly start, DateOnly end, int sequence, bool cancelled,
        string? place, bool online, string link, string organizer, string domain, DateTimeOffset now, (string Email, string Name)? attendee = null)
    {
        var calendar = new Calendar { Method = cancelled ? "CANCEL" : "REQUEST", ProductId = "-//IPBES//IpbesFlow//EN" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = Uid(assessmentId, stepId, domain),
            Sequence = sequence,
            Summary = $"{stepTitle} – {assessmentTitle}",
            DtStamp = new CalDateTime(now.UtcDateTime),
            DtStart = new CalDateTime(start.Year, start.Month, start.Day),
            DtEnd = new CalDateTime(end.Year, end.Month, end.Day).AddDays(1),
            Location = online ? link : string.IsNullOrWhiteSpace(place) ? "To be announced" : place,
            Url = new Uri(link),
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer($"mailto:{organizer}") { CommonName = "IPBES secretariat" },
            Attendees = attendee is { } who
                ? [new Attendee($"mailto:{who.Email}") { CommonName = who.Name, Rsvp = !cancelled, Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION" }]
                : [],
        });
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}

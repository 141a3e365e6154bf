namespace IpbesFlow.Notifications;

/// <summary>The events of a meeting's calendar invitation, as definitions name them in <c>notify:</c>.</summary>
public static class MeetingEvents
{
    public const string Invitation = "invitation";
    public const string Changed = "changed";
    public const string Cancelled = "cancelled";
}

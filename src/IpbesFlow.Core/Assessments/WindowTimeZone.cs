namespace IpbesFlow.Assessments;

/// <summary>The time zone an assessment's window edges are given in (an IANA name: <c>Europe/Berlin</c>,
/// <c>Africa/Nairobi</c>; UTC unless the TSU says otherwise): a review ending on 22 September closes at the first instant
/// of 23 September there. Instants are always stored in UTC.</summary>
public static class WindowTimeZone
{
    public const string Default = "UTC";

    public const int MaxLength = 64;

    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxLength)
        {
            return false;
        }

        if (string.Equals(id.Trim(), Default, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>The name as stored and shown: trimmed, and UTC however it was written.</summary>
    public static string Name(string id) => string.Equals(id.Trim(), Default, StringComparison.OrdinalIgnoreCase) ? Default : id.Trim();

    public static TimeZoneInfo Find(string id) => TryFind(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/>, in UTC. Where a clock change skips
    /// midnight the day starts at the first moment that exists; where it repeats midnight, at the first of the two.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local - offset, DateTimeKind.Unspecified), TimeSpan.Zero);
    }

    /// <summary>An instant as people read it: in UTC, and where the assessment's windows are given when that is elsewhere
    /// (<c>2019-09-22T21:00:00Z (2019-09-23 00:00 Africa/Nairobi)</c>).</summary>
    public static string Describe(DateTimeOffset instant, string zoneName)
    {
        var utc = instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var name = Name(zoneName);
        return name == Default
            ? utc
            : $"{utc} ({TimeZoneInfo.ConvertTime(instant, Find(name)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} {name})";
    }

    /// <summary>The calendar day an instant falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}

namespace IpbesFlow.Identity;

/// <summary>One administrative action: who, what, when, from where. Append-only: the DbContext refuses to change or
/// delete an entry once written.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ActorId { get; private set; }

    public string Actor { get; private set; } = string.Empty;

    public string Action { get; private set; } = string.Empty;

    public string Target { get; private set; } = string.Empty;

    public string? Details { get; private set; }

    public string? IpAddress { get; private set; }

    public static AuditEntry Record(ICurrentUser actor, string action, string target, string? details, DateTimeOffset now) => new()
    {
        At = now,
        ActorId = actor.UserId,
        Actor = actor.Name,
        Action = action,
        Target = target,
        Details = details,
        IpAddress = actor.IpAddress,
    };
}

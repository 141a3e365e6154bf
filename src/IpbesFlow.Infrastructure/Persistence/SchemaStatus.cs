namespace IpbesFlow.Persistence;

/// <summary>How the database's schema compares with this build: <see cref="Pending"/> migrations this build would
/// apply, and <see cref="Unknown"/> ones a newer build applied that this one does not know.</summary>
public sealed record SchemaStatus(string Database, IReadOnlyList<string> Applied, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    public bool IsCurrent => Pending.Count == 0 && Unknown.Count == 0;
}

namespace IpbesFlow.Reviews;

/// <summary>Reads a stored draft's bytes as a stream over a connection of its own, so that serving a large draft to
/// many reviewers at once does not hold each whole file in memory. The stream owns its connection: disposing it
/// closes both.</summary>
public interface IDraftContent
{
    Task<Stream> OpenAsync(Guid draftId, CancellationToken cancellationToken);
}

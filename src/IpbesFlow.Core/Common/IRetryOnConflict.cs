namespace IpbesFlow.Common;

/// <summary>A command that may simply be run again when a concurrent change overtook it: it reads the state afresh
/// and decides again, so the rerun either succeeds on the new state or is refused saying what changed.</summary>
public interface IRetryOnConflict;

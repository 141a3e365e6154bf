using Microsoft.Extensions.Logging;

namespace IpbesFlow.Persistence;

internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to {Database}: {Migrations}")]
    public static partial void MigrationsApplied(ILogger logger, int count, string database, IReadOnlyList<string> migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: {Database}; data folder {DataDirectory}; mail {Mail}")]
    public static partial void Ready(ILogger logger, string database, string dataDirectory, string mail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflows: {Count} definition(s) from {Directory}")]
    public static partial void Workflows(ILogger logger, int count, string directory);
}

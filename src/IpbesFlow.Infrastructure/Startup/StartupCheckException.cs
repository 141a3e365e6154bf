namespace IpbesFlow.Startup;

/// <summary>The service cannot start as configured. The message is one line that says what is wrong and how to fix
/// it; hosts print it alone, without a stack trace, and exit with code 1.</summary>
public sealed class StartupCheckException(string message, Exception? inner = null) : Exception(message, inner);

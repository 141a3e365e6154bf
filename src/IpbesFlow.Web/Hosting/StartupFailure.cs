using IpbesFlow.Startup;

namespace IpbesFlow.Web.Hosting;

internal static class StartupFailure
{
    /// <summary>One line on standard error, no stack trace: the message already says what to fix.</summary>
    public static int Report(StartupCheckException e)
    {
        Console.Error.WriteLine($"IpbesFlow cannot start: {e.Message}");
        return 1;
    }
}

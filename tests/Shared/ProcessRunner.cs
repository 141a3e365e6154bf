using System.Diagnostics;
using System.Text;

namespace IpbesFlow.Testing;

/// <summary>Runs a real IpbesFlow executable (<c>dotnet x.dll</c>) with its own environment and collects its output.</summary>
public sealed class ProcessRunner : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock gate = new();

    private ProcessRunner(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    public static ProcessRunner Start(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A clean slate: nothing from the test runner's own configuration leaks into the child.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Database__", StringComparison.Ordinal) || k.StartsWith("Storage__", StringComparison.Ordinal) || k.StartsWith("Mail__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var child = new Process { StartInfo = info };
        var runner = new ProcessRunner(child);
        child.OutputDataReceived += (_, e) => runner.Append(e.Data);
        child.ErrorDataReceived += (_, e) => runner.Append(e.Data);
        child.Start();
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return runner;
    }

    /// <summary>Runs to completion and returns the exit code and everything printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string workingDirectory, TimeSpan timeout)
    {
        await using var runner = Start(dll, arguments, environment, workingDirectory);
        var exitCode = await runner.WaitForExitAsync(timeout);
        return (exitCode, runner.Output);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"The process did not exit within {timeout.TotalSeconds} s. Output so far:\n{Output}", e);
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        return process.ExitCode;
    }

    /// <summary>SIGTERM, as systemd, Docker and Kubernetes stop a service.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything, as in a crash.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.AppendLine(line);
        }
    }
}

using System.Reflection;

namespace IpbesFlow.Testing;

/// <summary>Finds the repository and the built executables from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration these tests were built in, so the matching binaries are run.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string WorkflowsDirectory => Path.Combine(Root, "workflows");

    public static string ExecutableDll(string project, string assemblyName) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", assemblyName + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpbesFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No IpbesFlow.sln above {AppContext.BaseDirectory}.");
    }
}

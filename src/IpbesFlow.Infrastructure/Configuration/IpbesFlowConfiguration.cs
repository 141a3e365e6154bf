using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace IpbesFlow.Configuration;

/// <summary>The one way every executable reads its settings: <c>config/appsettings.json</c>, then
/// <c>config/appsettings.{Environment}.json</c>, then environment variables (<c>Database__Provider</c>), then the
/// command line. The files are copied beside the binaries at build time.</summary>
public static class IpbesFlowConfiguration
{
    public static string ConfigDirectory => Path.Combine(AppContext.BaseDirectory, "config");

    public static string EnvironmentName =>
        Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
        ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
        ?? "Production";

    /// <summary>Adds the files just before the first unprefixed environment-variable source, so environment
    /// variables and the command line still win over them; appends them when there is no such source.</summary>
    public static IConfigurationBuilder AddIpbesFlowFiles(this IConfigurationBuilder builder, string environmentName)
    {
        var insertAt = builder.Sources.Count;
        for (var i = 0; i < builder.Sources.Count; i++)
        {
            if (builder.Sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                insertAt = i;
                break;
            }
        }

        var files = new PhysicalFileProvider(ConfigDirectory);
        builder.Sources.Insert(insertAt, new JsonConfigurationSource { FileProvider = files, Path = $"appsettings.{environmentName}.json", Optional = true });
        builder.Sources.Insert(insertAt, new JsonConfigurationSource { FileProvider = files, Path = "appsettings.json", Optional = false });
        return builder;
    }
}

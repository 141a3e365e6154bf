using IpbesFlow.Configuration;
using IpbesFlow.Startup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Cli;

/// <summary>The CLI's services: the same configuration files, environment variables and storage as the service,
/// without the scheduler or HTTP.</summary>
internal static class CliHost
{
    public static async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddEnvironmentVariables()
                .AddIpbesFlowFiles(IpbesFlowConfiguration.EnvironmentName)
                .Build();
            var settings = StorageSettings.FromConfiguration(configuration, Directory.GetCurrentDirectory());

            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(configuration);
            // A command prints its answer; the service's log levels (config/appsettings.json) would bury it.
            services.AddLogging(logging => logging
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter((_, level) => level >= LogLevel.Warning));
            services.AddIpbesFlowStorage(settings);
            services.AddMediator(options =>
            {
                options.ServiceLifetime = ServiceLifetime.Scoped;
                options.GenerateTypesAsInternal = true;
                options.Assemblies = [typeof(CoreServices)];
            });

            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            return await action(provider, cancellationToken);
        }
        catch (StartupCheckException e)
        {
            await Console.Error.WriteLineAsync($"ipbesflow: {e.Message}");
            return 1;
        }
    }
}

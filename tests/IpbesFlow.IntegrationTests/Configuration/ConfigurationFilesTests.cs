using IpbesFlow.Configuration;
using Microsoft.Extensions.Configuration;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Configuration;

/// <summary>Reads the real files in config/, as copied beside the binaries.</summary>
public sealed class ConfigurationFilesTests
{
    [Fact]
    public void The_shipped_defaults_listen_on_port_5080_with_SQLite_under_data()
    {
        var configuration = new ConfigurationBuilder().AddIpbesFlowFiles("Production").Build();

        configuration["Urls"].ShouldBe("http://localhost:5080");
        configuration["Database:Provider"].ShouldBe("Sqlite");
        configuration["Storage:DataDirectory"].ShouldBe("data");
        configuration["Mail:Smtp:Host"].ShouldBeNullOrEmpty();
    }

    [Fact]
    public void Environment_variables_win_over_the_files()
    {
        Environment.SetEnvironmentVariable("Urls", "http://127.0.0.1:6000");
        try
        {
            // The shape WebApplication builds: the files are placed in front of the unprefixed environment variables.
            var builder = new ConfigurationBuilder().AddEnvironmentVariables();
            var configuration = builder.AddIpbesFlowFiles("Production").Build();

            configuration["Urls"].ShouldBe("http://127.0.0.1:6000");
        }
        finally
        {
            Environment.SetEnvironmentVariable("Urls", null);
        }
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IpbesFlow.Web.Tests.Api;

/// <summary>The real application in the test host, on its embedded default (SQLite) in a folder of its own.</summary>
public sealed class IpbesFlowApp : WebApplicationFactory<Program>
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("ipbesflow-web-").FullName;

    public string DataDirectory => dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Host settings reach Program before Build, where storage is chosen.
        builder.UseSetting("Storage:DataDirectory", dataDirectory);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}

[CollectionDefinition(nameof(AppCollection))]
public sealed class AppCollection : ICollectionFixture<IpbesFlowApp>;

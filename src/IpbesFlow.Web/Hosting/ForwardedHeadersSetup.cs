using System.Net;
using IpbesFlow.Startup;
using Microsoft.AspNetCore.HttpOverrides;

namespace IpbesFlow.Web.Hosting;

/// <summary>Behind a reverse proxy, the client's address and scheme come from its X-Forwarded-For and
/// X-Forwarded-Proto headers, from the proxies the operator names (<c>Service:ForwardedHeaders:KnownProxies</c>, addresses,
/// and <c>KnownNetworks</c>, CIDR ranges) and from no one else: otherwise any client could write the address that the rate
/// limits count and the audit log records. With none named, the headers are ignored.</summary>
internal static class ForwardedHeadersSetup
{
    private const string Section = "Service:ForwardedHeaders";

    public static ForwardedHeadersOptions? FromConfiguration(IConfiguration configuration)
    {
        var proxies = List(configuration, "KnownProxies");
        var networks = List(configuration, "KnownNetworks");
        if (proxies.Count == 0 && networks.Count == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // The defaults trust the loopback interface: only what the operator names is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new StartupCheckException($"{Section}:KnownProxies has '{proxy}', which is not an IP address. Fix Service__ForwardedHeaders__KnownProxies (addresses separated by commas)."));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range) ? range
                : throw new StartupCheckException($"{Section}:KnownNetworks has '{network}', which is not a network in CIDR form (10.0.0.0/8). Fix Service__ForwardedHeaders__KnownNetworks."));
        }

        return options;
    }

    private static List<string> List(IConfiguration configuration, string key) =>
        (configuration[$"{Section}:{key}"] ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

using Microsoft.Extensions.DependencyInjection;

namespace IpbesFlow.Benchmarks;

internal static class BenchmarkServices
{
    /// <summary>The source-generated mediator, configured once for this assembly (the generator allows one call site).</summary>
    public static IServiceCollection AddBenchmarkMediator(this IServiceCollection services) => services.AddMediator(options =>
    {
        options.ServiceLifetime = ServiceLifetime.Scoped;
        options.GenerateTypesAsInternal = true;
        options.Assemblies = [typeof(CoreServices)];
    });
}

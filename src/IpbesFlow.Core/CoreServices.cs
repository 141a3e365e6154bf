using FluentValidation;
using IpbesFlow.Common.Behaviours;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpbesFlow;

public static class CoreServices
{
    /// <summary>Validators and the pipeline, in order: logging, validation, reading the file a command carries, then
    /// (commands only) retry on a lost concurrency race for commands that allow it, and the transaction.
    /// Each executable adds the source-generated mediator itself with <c>AddMediator</c>.</summary>
    public static IServiceCollection AddIpbesFlowCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new Identity.SignInLinkLimits());

        foreach (var type in typeof(CoreServices).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            {
                services.AddSingleton(contract, type);
            }
        }

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(CommentFileBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(RetryOnConflictBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehaviour<,>));
        return services;
    }
}

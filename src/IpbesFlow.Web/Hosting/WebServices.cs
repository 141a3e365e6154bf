using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace IpbesFlow.Web.Hosting;

internal static class WebServices
{
    public static IServiceCollection AddIpbesFlowWeb(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Enums read as the workflow files write them: review-editors, in-person.
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));

        // Bad JSON in a body throws instead of answering a bare 400, so the handler can name the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(Endpoints.ApiDocumentation.Describe);
        return services;
    }

    public static WebApplication UseIpbesFlowWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

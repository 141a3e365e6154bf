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

    private static bool PageGet(HttpContext context) => HttpMethods.IsGet(context.Request.Method) && Components.PageViewer.IsPageRequest(context);

    public static WebApplication UseIpbesFlowWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        // A fault behind a page (a GET) is shown as the error page, in the site's frame, with status 500; the API's
        // stay problem details. (The refusals a person can act on never get here: the pages show them themselves.)
        app.UseWhen(PageGet, pages => pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500", CreateScopeForErrors = true }));
        // A page that answers an error with no body (a 404: Blazor stops the page and leaves the body to this) gets the
        // error page, in the site's frame, with the same status; the API's errors stay problem details.
        // (Only for a GET: a form's POST would be re-executed as a POST, which the error page refuses without its token.)
        app.UseWhen(PageGet, pages => pages.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true));
        app.UseWhen(context => !PageGet(context), api => api.UseStatusCodePages());
        // Routing after the status pages, so that a re-executed request is routed to the error page.
        app.UseRouting();
        return app;
    }
}

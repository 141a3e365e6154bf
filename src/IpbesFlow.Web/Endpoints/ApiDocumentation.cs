using Scalar.AspNetCore;

namespace IpbesFlow.Web.Endpoints;

internal static class ApiDocumentation
{
    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and a browsable reference at <c>/api-docs</c>.</summary>
    public static void MapApiDocumentation(this WebApplication app)
    {
        // The API's shape is public; what it returns is not.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-docs", options => options.WithTitle("IpbesFlow API")).AllowAnonymous();
    }
}

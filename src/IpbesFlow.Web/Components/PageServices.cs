using Microsoft.Extensions.FileProviders;

namespace IpbesFlow.Web.Components;

/// <summary>The web application: Razor components rendered on the server (static SSR), over the same commands and
/// queries as the API.</summary>
internal static class PageServices
{
    public static IServiceCollection AddIpbesFlowPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddScoped<Security.SessionSignIn>();
        services.AddSingleton<Security.SignInThrottle>();
        return services;
    }

    /// <summary>The stylesheet and icons, the same for everyone, from the folder beside the binaries (no CDN).</summary>
    public static WebApplication UsePageAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Assets")),
            RequestPath = "/assets",
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    /// <summary>After authentication: each page request learns who is looking; then the pages are mapped.</summary>
    public static WebApplication MapIpbesFlowPages(this WebApplication app)
    {
        app.UseWhen(PageViewer.IsPageRequest, pages => pages.UseMiddleware<PageViewer>());
        // The framework's script (enhanced navigation and forms), the same for everyone.
        app.MapStaticAssets().Add(endpoint => endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute()));
        // The pages name their policies; the framework's own endpoints beside them (a redirect helper for enhanced
        // navigation, a fallback for files) carry nothing of anyone's and are open to all.
        var maxDraftBytes = app.Services.GetRequiredService<Security.SecurityLimits>().MaxDraftBytes;
        app.MapRazorComponents<App>().Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: "/_framework/opaque-redirect" or "/{**path:file}" })
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            }

            // The page that attaches drafts takes them as large as the API does (Security:MaxDraftBytes).
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: "/assessments/{AssessmentId:guid}/reviews/{StepId}/admin" })
            {
                endpoint.Metadata.Add(new BodySizeLimit(maxDraftBytes));
            }
        });
        return app;
    }

    /// <summary>Read by the routing middleware, which raises the server's body limit for the matched endpoint.</summary>
    private sealed record BodySizeLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;
}

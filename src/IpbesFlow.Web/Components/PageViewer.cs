using System.Globalization;
using IpbesFlow.Identity;
using Mediator;

namespace IpbesFlow.Web.Components;

/// <summary>Before a page renders: who is looking (once per request, for the frame and every page) and the language
/// the page is written in for them.</summary>
internal sealed class PageViewer(RequestDelegate next)
{
    private static readonly object Key = new();

    public async Task InvokeAsync(HttpContext context, ISender sender)
    {
        var viewer = context.User.Identity?.IsAuthenticated == true ? await sender.Send(new GetViewer(), context.RequestAborted) : null;
        context.Items[Key] = viewer;
        var culture = PageLanguage.Culture(PageLanguage.For(viewer?.Language).Code);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        await next(context);
    }

    public static ViewerView? Of(HttpContext context) => context.Items.TryGetValue(Key, out var viewer) ? viewer as ViewerView : null;

    /// <summary>Requests for pages, not for the API, files or health.</summary>
    public static bool IsPageRequest(HttpContext context)
    {
        var path = context.Request.Path;
        return !(path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/api-docs", StringComparison.OrdinalIgnoreCase));
    }
}

using System.Threading.RateLimiting;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace IpbesFlow.Web.Security;

internal static class SecurityServices
{
    public const string SignInRateLimit = "sign-in";
    public const string CommentRateLimit = "comments";
    public const string DraftDownloadLimit = "draft-downloads";
    public const string ExportRateLimit = "exports";
    private const string SmartScheme = "IpbesFlow";

    public static IServiceCollection AddIpbesFlowSecurity(this IServiceCollection services, IConfiguration configuration, SecurityLimits limits)
    {
        services.AddSingleton(limits);
        services.AddSingleton(new SignInLinkLimits(limits.SignInLinksPerAddressPerHour));
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<IUserClaimsPrincipalFactory<UserAccount>, CookiePrincipalFactory>();
        services.AddIdentityCore<UserAccount>().AddSignInManager();

        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
                options.DefaultForbidScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        authentication.AddIdentityCookies();
        OpenIdConnectSignIn.Add(authentication, configuration);

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "ipbesflow";
            cookie.Cookie.HttpOnly = true;
            // Strict: a cookie never rides on a request another site starts, which is what protects the JSON API from CSRF.
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            // The API answers 401/403; a page sends a person to sign in (and back), or to say what they may not see.
            cookie.LoginPath = "/sign-in";
            cookie.AccessDeniedPath = "/forbidden";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnRedirectToLogin = context => Components.PageViewer.IsPageRequest(context.HttpContext)
                ? Redirect(context.Response, $"/sign-in?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}")
                : Status(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Components.PageViewer.IsPageRequest(context.HttpContext)
                ? Redirect(context.Response, "/forbidden")
                : Status(context.Response, StatusCodes.Status403Forbidden);
            cookie.Events.OnValidatePrincipal = CookieSessions.ValidateAsync;
        });

        services.AddAuthorization(Policies.Add);
        // Every node signs and reads session cookies with the same keys, kept in the database: a session made on one
        // node works on the others, and after a restart.
        services.AddDataProtection().SetApplicationName("IpbesFlow").PersistKeysToDbContext<IpbesFlowDbContext>();
        services.AddAntiforgery(options => options.Cookie.Name = "ipbesflow-af");

        var submissionsPerMinute = limits.CommentSubmissionsPerMinute;
        var draftDownloads = limits.ConcurrentDraftDownloads;
        var exportsPerMinute = limits.ExportsPerMinute;
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = TooManyRequestsAsync;
            // The same budget as the sign-in pages' (SignInThrottle).
            limiter.AddPolicy(SignInRateLimit, context => RateLimitPartition.Get(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                address => context.RequestServices.GetRequiredService<SignInThrottle>().For(address)));
            // Per person, not per address: a government's focal points may share an office's address. A batch or a file
            // carries thousands of comments, so a person never needs many submissions a minute.
            limiter.AddPolicy(CommentRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.UserId()?.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = submissionsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.AddPolicy(ExportRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.UserId()?.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = exportsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // A draft is streamed from the database, each download holding a pooled connection until it is sent; when
            // a review opens and its reviewers all fetch the drafts at once, the rest wait their turn (up to 50 each
            // downloading) rather than take every connection the service needs for anything else.
            limiter.AddPolicy(DraftDownloadLimit, _ => RateLimitPartition.GetConcurrencyLimiter(
                DraftDownloadLimit,
                _ => new ConcurrencyLimiterOptions { PermitLimit = draftDownloads, QueueLimit = draftDownloads * 50, QueueProcessingOrder = QueueProcessingOrder.OldestFirst }));
        });
        return services;
    }

    public static WebApplication UseIpbesFlowSecurity(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // No referrer leaves the site: page addresses carry assessment ids and sign-in tokens.
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // The API reference page runs its own bundled script; the pages run only the framework's script from this
            // site (no inline script, no inline style); the JSON API needs nothing.
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api-docs", StringComparison.Ordinal)
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
                : Components.PageViewer.IsPageRequest(context)
                    ? "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'"
                    : "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
            await next();
        });
        Components.PageServices.UsePageAssets(app);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>A refused request is told when to come back (Retry-After, in whole seconds: when the window ends for a
    /// per-minute limit; a second for a queue of downloads that is full) in problem details a person can read.</summary>
    private static async ValueTask TooManyRequestsAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = $"Too many requests of this kind; try again in {seconds} second(s)." },
        });
    }

    private static Task Redirect(HttpResponse response, string location)
    {
        response.Redirect(location);
        return Task.CompletedTask;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}

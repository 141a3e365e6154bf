using IpbesFlow;
using IpbesFlow.Configuration;
using IpbesFlow.Identity;
using IpbesFlow.Startup;
using IpbesFlow.Web.Components;
using IpbesFlow.Web.Endpoints;
using IpbesFlow.Web.Hosting;
using IpbesFlow.Web.Security;

// `--demo` is the switch people type; configuration knows it as Demo:Enabled.
var demo = args.Contains("--demo", StringComparer.Ordinal);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a != "--demo").ToArray(),
    // A published folder has the framework's script in the wwwroot beside the binaries, wherever the service is started
    // from. A build's output has none and finds the script through its static web assets manifest, which works only
    // with the default web root. (The pages' stylesheet is served from the Assets folder beside the binaries: see
    // PageServices.)
    WebRootPath = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : null,
});
builder.Configuration.AddIpbesFlowFiles(builder.Environment.EnvironmentName);
if (demo)
{
    builder.Configuration["Demo:Enabled"] = "true";
}

StorageSettings settings;
SecurityLimits limits;
Microsoft.AspNetCore.Builder.ForwardedHeadersOptions? forwarded;
try
{
    if (demo && builder.Environment.IsProduction())
    {
        // Demo accounts share a published password: never on a production server, where real drafts live.
        throw new StartupCheckException("--demo creates accounts whose password is published, and is refused in Production. Run it with --environment Development on a machine of your own.");
    }

    settings = StorageSettings.FromConfiguration(builder.Configuration, Directory.GetCurrentDirectory());
    limits = SecurityLimits.FromConfiguration(builder.Configuration);
    forwarded = ForwardedHeadersSetup.FromConfiguration(builder.Configuration);
}
catch (StartupCheckException e)
{
    return StartupFailure.Report(e);
}

// A build's output serves the framework's script through its static web assets manifest in every environment, not
// only in Development (a published folder has it in wwwroot, and no manifest: this is then a no-op).
builder.WebHost.UseStaticWebAssets();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);

builder.Services.AddIpbesFlowNode(settings);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.GenerateTypesAsInternal = true;
    options.Assemblies = [typeof(CoreServices)];
});
builder.Services.AddIpbesFlowWeb();
builder.Services.AddIpbesFlowPages();
try
{
    builder.Services.AddIpbesFlowSecurity(builder.Configuration, limits);
}
catch (StartupCheckException e)
{
    return StartupFailure.Report(e);
}

var app = builder.Build();

try
{
    await app.Services.GetRequiredService<StartupChecks>().RunAsync(app.Lifetime.ApplicationStopping);
    if (app.Configuration.GetValue<bool>("Demo:Enabled"))
    {
        await DemoAccounts.EnsureAsync(app.Services, app.Lifetime.ApplicationStopping);
        // Demo:Portfolio=false keeps the accounts without the seeded assessments (tests that build their own world).
        if (app.Configuration.GetValue("Demo:Portfolio", defaultValue: true))
        {
            await DemoPortfolio.SeedAsync(app.Services, app.Services.GetRequiredService<TimeProvider>(), app.Logger, app.Lifetime.ApplicationStopping);
        }
    }
    else
    {
        await DemoAccounts.DisableAsync(app.Services, app.Lifetime.ApplicationStopping);
    }
}
catch (StartupCheckException e)
{
    return StartupFailure.Report(e);
}

if (forwarded is not null)
{
    app.UseForwardedHeaders(forwarded);
}

app.UseIpbesFlowWeb();
app.UseIpbesFlowSecurity();
app.MapHealthEndpoints();
app.MapApiDocumentation();
app.MapPeopleEndpoints();
app.MapWorkflowEndpoints();
app.MapAssessmentEndpoints();
app.MapTaskEndpoints();
app.MapReviewEndpoints();
app.MapNominationEndpoints();
app.MapMeetingEndpoints();
app.MapReportEndpoints();
app.MapNotificationEndpoints();
app.MapAuthEndpoints();
app.MapAccountEndpoints();
OpenIdConnectSignIn.MapEndpoints(app);
app.MapIpbesFlowPages();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so the test host can start the real application.</summary>
public partial class Program;

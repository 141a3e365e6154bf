using IpbesFlow;
using IpbesFlow.Configuration;
using IpbesFlow.Startup;
using IpbesFlow.Web.Endpoints;
using IpbesFlow.Web.Hosting;
using IpbesFlow.Web.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddIpbesFlowFiles(builder.Environment.EnvironmentName);

StorageSettings settings;
try
{
    settings = StorageSettings.FromConfiguration(builder.Configuration, Directory.GetCurrentDirectory());
}
catch (StartupCheckException e)
{
    return StartupFailure.Report(e);
}

builder.Services.AddIpbesFlowNode(settings);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.GenerateTypesAsInternal = true;
    options.Assemblies = [typeof(CoreServices)];
});
builder.Services.AddIpbesFlowWeb();
builder.Services.AddIpbesFlowSecurity(builder.Configuration);

var app = builder.Build();

try
{
    await app.Services.GetRequiredService<StartupChecks>().RunAsync(app.Lifetime.ApplicationStopping);
}
catch (StartupCheckException e)
{
    return StartupFailure.Report(e);
}

app.UseIpbesFlowWeb();
app.UseIpbesFlowSecurity();
app.MapHealthEndpoints();
app.MapApiDocumentation();
app.MapPeopleEndpoints();
app.MapWorkflowEndpoints();
app.MapAuthEndpoints();
app.MapAccountEndpoints();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so the test host can start the real application.</summary>
public partial class Program;

using System.Net;
using IpbesFlow.Identity;
using IpbesFlow.Web.Tests.Api;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace IpbesFlow.Web.Tests.Pages;

/// <summary>A fault nobody could act on: behind a page, the error page in the site's frame with status 500 (not a JSON
/// body in a browser); behind the API, problem details as ever.</summary>
[Collection(nameof(AppCollection))]
public sealed class ErrorPageTests(IpbesFlowApp app)
{
    [Fact]
    public async Task A_fault_behind_a_page_shows_the_error_page_and_behind_the_api_problem_details()
    {
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));
        mep.DefaultRequestHeaders.Add(FaultOnDemand.Header, "yes");

        using var page = await mep.GetAsync("/assessments/new", TestContext.Current.CancellationToken);
        using var api = await mep.GetAsync("/api/workflows", TestContext.Current.CancellationToken);

        page.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        html.ShouldContain("<h1>Something went wrong</h1>");
        html.ShouldNotContain(FaultOnDemand.Message, Case.Sensitive, "what failed inside is for the log, not the page");
        api.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}

/// <summary>Throws from the workflows' list when the request carries <see cref="Header"/>: a fault on demand.</summary>
public sealed class FaultOnDemand(IHttpContextAccessor http) : IPipelineBehavior<ListWorkflows, IReadOnlyList<WorkflowSummary>>
{
    public const string Header = "X-Test-Fault";

    public const string Message = "A fault injected by the test.";

    public ValueTask<IReadOnlyList<WorkflowSummary>> Handle(ListWorkflows message, MessageHandlerDelegate<ListWorkflows, IReadOnlyList<WorkflowSummary>> next, CancellationToken cancellationToken) =>
        http.HttpContext?.Request.Headers.ContainsKey(Header) == true ? throw new InvalidOperationException(Message) : next(message, cancellationToken);
}

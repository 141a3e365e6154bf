using IpbesFlow.Identity;
using Mediator;
using Microsoft.AspNetCore.Components;

namespace IpbesFlow.Web.Components;

/// <summary>A page: a thin shell that sends the API's own commands and queries. What they refuse, the page shows (with
/// the status the API would answer when the page itself cannot be shown); it decides nothing itself.</summary>
public abstract class AppPage : ComponentBase
{
    [Inject]
    private protected ISender Sender { get; set; } = null!;

    [Inject]
    private protected NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private protected TimeProvider Clock { get; set; } = null!;

    [CascadingParameter]
    private protected HttpContext HttpContext { get; set; } = null!;

    [CascadingParameter]
    private protected ViewerView? Viewer { get; set; }

    /// <summary>Why the page, or the form just sent, could not do what was asked.</summary>
    private protected PageProblem? Problem { get; set; }

    /// <summary>What the form just sent achieved, said to the person.</summary>
    private protected string? Done { get; set; }

    private protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>Loads what the page shows; a refusal becomes the page's error state and its status code.</summary>
    private protected async Task<TResult?> LoadAsync<TResult>(IQuery<TResult> query)
        where TResult : class?
    {
        try
        {
            return await Sender.Send(query, Aborted);
        }
        catch (Exception e) when (PageProblem.From(e) is { } problem)
        {
            Problem = problem;
            HttpContext.Response.StatusCode = problem.Status;
            return null;
        }
    }

    /// <summary>Sends what a form asked for; a refusal is shown beside the form, and nothing was changed.</summary>
    private protected async Task<bool> SendAsync<TResult>(ICommand<TResult> command, string? done = null)
    {
        try
        {
            await Sender.Send(command, Aborted);
            Done = done;
            return true;
        }
        catch (Exception e) when (PageProblem.From(e) is { } problem)
        {
            Problem = problem;
            return false;
        }
    }

    /// <summary>The same, for a command whose answer the page shows.</summary>
    private protected async Task<TResult?> SendForAsync<TResult>(ICommand<TResult> command)
        where TResult : class?
    {
        try
        {
            return await Sender.Send(command, Aborted);
        }
        catch (Exception e) when (PageProblem.From(e) is { } problem)
        {
            Problem = problem;
            return null;
        }
    }

    /// <summary>A query asked from a form (a preview): its refusal is the form's, not the page's.</summary>
    private protected async Task<TResult?> AskAsync<TResult>(IQuery<TResult> query)
        where TResult : class?
    {
        try
        {
            return await Sender.Send(query, Aborted);
        }
        catch (Exception e) when (PageProblem.From(e) is { } problem)
        {
            Problem = problem;
            return null;
        }
    }
}

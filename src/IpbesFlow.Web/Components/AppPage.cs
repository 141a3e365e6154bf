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
        where TResult : class
    {
        var before = Problem;
        var result = await RefusalAsNullAsync(() => Sender.Send(query, Aborted));
        if (result is null && Problem is { } problem && !ReferenceEquals(problem, before))
        {
            HttpContext.Response.StatusCode = problem.Status;
        }

        return result;
    }

    /// <summary>Loads a part of the page that only some viewers may see: null (the part left out) for the others, the
    /// page itself unaffected.</summary>
    private protected async Task<TResult?> LoadIfAllowedAsync<TResult>(IQuery<TResult> query)
        where TResult : class
    {
        try
        {
            return await Sender.Send(query, Aborted);
        }
        catch (Common.ForbiddenException)
        {
            return null;
        }
    }

    /// <summary>Sends what a form asked for; a refusal is shown beside the form, and nothing was changed.</summary>
    private protected async Task<bool> SendAsync<TResult>(ICommand<TResult> command, string? done = null)
    {
        var sent = await RefusalAsNullAsync(async () => (object?)await Sender.Send(command, Aborted) ?? true) is not null;
        if (sent)
        {
            Done = done;
        }

        return sent;
    }

    /// <summary>The same, for a command whose answer the page shows.</summary>
    private protected Task<TResult?> SendForAsync<TResult>(ICommand<TResult> command)
        where TResult : class? =>
        RefusalAsNullAsync(() => Sender.Send(command, Aborted));

    /// <summary>A query asked from a form (a preview): its refusal is the form's, not the page's.</summary>
    private protected Task<TResult?> AskAsync<TResult>(IQuery<TResult> query)
        where TResult : class =>
        RefusalAsNullAsync(() => Sender.Send(query, Aborted));

    /// <summary>The file a form sent in <paramref name="field"/>, read whole; none chosen is the form's problem, named
    /// as the API names the command's field (<paramref name="problemField"/>).</summary>
    private protected async Task<(string Name, string ContentType, byte[] Content)?> UploadedFileAsync(string field, string problemField = "file")
    {
        var file = HttpContext.Request.Form.Files.GetFile(field);
        if (file is null || file.Length == 0)
        {
            Problem = new PageProblem(StatusCodes.Status400BadRequest, "Please correct the following", string.Empty, [new Common.FieldError(problemField, "Choose the file to upload.")]);
            return null;
        }

        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, Aborted);
        return (Path.GetFileName(file.FileName), string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, content);
    }

    // The refusals a person can act on become the page's problem; anything else is a fault for the error handler.
    private async Task<TResult?> RefusalAsNullAsync<TResult>(Func<ValueTask<TResult>> send)
        where TResult : class?
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (PageProblem.From(e) is { } problem)
        {
            Problem = problem;
            return null;
        }
    }
}

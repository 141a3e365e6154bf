using IpbesFlow.Common;
using IpbesFlow.Reviews;
using IpbesFlow.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Mediator;

namespace IpbesFlow.Web.Endpoints;

/// <summary>Review rounds: set-up and drafts (TSU), registration and comments (reviewers), responses and sign-off
/// (authors and review editors), progress and the published compilation. Who may act often depends on the
/// assessment and the chapter, so the handlers decide beyond the policy named here (403).</summary>
internal static class ReviewEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapReviewEndpoints(this WebApplication app)
    {
        // A draft may be larger than other request bodies (see SecurityLimits).
        var maxDraftBytes = app.Services.GetRequiredService<SecurityLimits>().MaxDraftBytes;
        app.MapGet("/api/reviews", async (bool? includeClosed, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListReviews(includeClosed ?? false), ct)))
            .WithTags("Reviews")
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("The reviews set up across assessments")
            .WithDescription("The reviews set up across assessments, open or upcoming (includeClosed=true for all), soonest closing first, each saying whether the caller is registered.");

        var reviews = app.MapGroup("/api/assessments/{id:guid}/reviews/{stepId}").WithTags("Reviews")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        reviews.MapGet("/", async (Guid id, string stepId, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetReview(id, stepId), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("A review")
            .WithDescription("A review: its window, chapters, terms, drafts, and the caller's registration.");

        reviews.MapPut("/", async (Guid id, string stepId, ConfigureBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ConfigureReview(id, stepId, body.Chapters ?? [], body.Terms, body.MaxCommentLength), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .WithSummary("Set a review up")
            .WithDescription("Set a review up (the assessment's TSU): the chapters under review in order, the confidentiality terms, the longest comment taken.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        // Files come from scripts and the web pages of the same site; the cookie is SameSite=Strict (see SecurityServices).
        reviews.MapPost("/drafts", async (Guid id, string stepId, IFormFile file, ISender sender, CancellationToken ct) =>
            {
                var draft = await sender.Send(new AttachDraft(id, stepId, Path.GetFileName(file.FileName), file.ContentType, await ReadAsync(file, ct)), ct);
                return TypedResults.Created($"/api/assessments/{id}/reviews/{stepId}/drafts/{draft.Id}", draft);
            })
            .RequireAuthorization(Policies.StaffWrite)
            .DisableAntiforgery()
            .WithMetadata(new BodySizeLimit(maxDraftBytes))
            .WithFormOptions(multipartBodyLengthLimit: maxDraftBytes)
            .WithSummary("Attach a confidential draft to a review")
            .WithDescription("Attach a confidential draft to a review (the assessment's TSU); up to Security:MaxDraftBytes (100 MB), above the limit for other requests.")
            .ProducesValidationProblem();

        reviews.MapGet("/drafts/{draftId:guid}", async (Guid id, string stepId, Guid draftId, ISender sender, HttpResponse response, CancellationToken ct) =>
            {
                var draft = await sender.Send(new GetDraft(id, stepId, draftId), ct);
                // Streamed from the database as it is sent; the result disposes the stream, and with it its connection.
                response.ContentLength = draft.Length;
                return TypedResults.Stream(draft.Content, draft.ContentType, draft.FileName);
            })
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(SecurityServices.DraftDownloadLimit)
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .WithSummary("Download a draft")
            .WithDescription("Download a draft (in the media type it was attached with): the assessment's authors and TSU, and reviewers registered for the review while it is open.");

        reviews.MapPost("/registrations", async (Guid id, string stepId, RegisterBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RegisterForReview(id, stepId, body.As ?? ReviewerType.Expert, body.Chapters ?? [], body.AcceptTerms ?? false, body.CountryCode, body.Organisation), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Register for an open or upcoming review")
            .WithDescription("Register for an open or upcoming review, as an expert, a government (national focal point) or an organisation, accepting its confidentiality terms.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        reviews.MapGet("/comments", async (Guid id, string stepId, string? chapter, bool? unanswered, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListComments(id, stepId, chapter, unanswered ?? false), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("A review's comments in the published order")
            .WithDescription("A review's comments in the published order: all of them for the assessment's TSU and authors, their own for a reviewer.");

        reviews.MapPost("/comments", async (Guid id, string stepId, CommentsBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SubmitComments(id, stepId, body.Comments ?? [], body.As), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .RequireRateLimiting(SecurityServices.CommentRateLimit)
            .WithSummary("Submit comments")
            .WithDescription("Submit comments, one or a batch, all or nothing; taken if and only if the server's clock is inside the review's window (409 otherwise, saying when it opens or closed).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        reviews.MapPost("/comments/upload", async (Guid id, string stepId, IFormFile file, Kebab<ReviewerType>? @as, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UploadComments(id, stepId, Path.GetFileName(file.FileName), await ReadAsync(file, ct), @as?.Value), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .RequireRateLimiting(SecurityServices.CommentRateLimit)
            .DisableAntiforgery()
            .WithSummary("Upload the filled-in template")
            .WithDescription("Upload the filled-in template (.xlsx, or CSV in UTF-8): all of it or nothing, every problem named by sheet, row and column; the same file twice adds nothing.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        reviews.MapPost("/comments/import", async (Guid id, string stepId, IFormFile file, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ImportComments(id, stepId, Path.GetFileName(file.FileName), await ReadAsync(file, ct)), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .DisableAntiforgery()
            .WithSummary("Import comments received otherwise")
            .WithDescription("Import comments received otherwise, in the compilation's format with reviewer columns (the assessment's TSU); an export imports unchanged.")
            .ProducesValidationProblem();

        reviews.MapPost("/comments/{number:int}/response", async (Guid id, string stepId, int number, ResponseBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RespondToComment(id, stepId, number, body.Status, body.Text), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Answer a comment once the review has closed")
            .WithDescription("Answer a comment once the review has closed (an author of its chapter, or the TSU): accepted, taken-into-account, noted, or rejected with the reason; journaled with the status before and after; refused once the compilation is published (an erratum then).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        reviews.MapPost("/comments/{number:int}/erratum", async (Guid id, string stepId, int number, ErratumBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CorrectResponse(id, stepId, number, body.Status, body.Text, body.Reason), ct)))
            .RequireAuthorization(Policies.AdminWrite)
            .WithSummary("Correct a response of a published compilation")
            .WithDescription("Correct a response of a published compilation (the secretariat, once the assessment is approved): an erratum, with the reason, journaled and shown in the compilation; the replaced response is kept.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        reviews.MapPost("/chapters/{chapter}/sign-off", async (Guid id, string stepId, string chapter, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SignOffChapter(id, stepId, chapter), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Sign a chapter off")
            .WithDescription("A review editor of the chapter signs it off once every comment on it has a response.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        reviews.MapGet("/progress", async (Guid id, string stepId, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetReviewProgress(id, stepId), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Comments per chapter and reviewer type")
            .WithDescription("Comments per chapter and reviewer type, share answered, chapters signed off.");

        reviews.MapGet("/template.xlsx", async (Guid id, string stepId, ISender sender, ICommentFiles files, CancellationToken ct) =>
                await FileOfAsync(await sender.Send(new GetCommentTemplate(id, stepId), ct), CommentFileFormat.Xlsx, files, ct))
            .RequireAuthorization(Policies.SignedIn)
            .Produces<Stream>(StatusCodes.Status200OK, Xlsx)
            .WithSummary("The empty comment template of the review")
            .WithDescription("The empty comment template of the review, with its chapters as a list and checks on every column.");

        // Public once the Plenary has approved the assessment; until then the handler lets only its TSU and authors in.
        reviews.MapGet("/export", async (Guid id, string stepId, string? format, ISender sender, ICommentFiles files, CancellationToken ct) =>
                await FileOfAsync(await sender.Send(new ExportComments(id, stepId), ct), Format(format), files, ct))
            .AllowAnonymous()
            .RequireRateLimiting(SecurityServices.ExportRateLimit)
            .Produces<Stream>(StatusCodes.Status200OK, Xlsx, "text/csv")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("The compilation of comments and responses")
            .WithDescription("The compilation of comments and responses (format=xlsx or csv), ordered by chapter, page and line: whole for the assessment's TSU and authors; public once the assessment is approved, for the reviews its definition publishes, naming the reviewers who accepted to be named.");
    }

    internal static CommentFileFormat Format(string? format) => format?.ToLowerInvariant() switch
    {
        null or "xlsx" => CommentFileFormat.Xlsx,
        "csv" => CommentFileFormat.Csv,
        _ => throw new ValidationFailedException("format", "Ask for format=xlsx or format=csv."),
    };

    // Written to a temporary file as the rows come from the database, then streamed from it: neither the database
    // connection nor the whole compilation is held while a slow client downloads it. The file is gone once sent.
    internal static async Task<FileStreamHttpResult> FileOfAsync(CommentExport export, CommentFileFormat format, ICommentFiles files, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await files.WriteAsync(file, format, export.Sheet, ct);
            file.Position = 0;
            return format == CommentFileFormat.Csv
                ? TypedResults.File(file, "text/csv; charset=utf-8", export.FileStem + ".csv")
                : TypedResults.File(file, Xlsx, export.FileStem + ".xlsx");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    // Straight into an array of the file's length: one copy in memory, not two (a draft may be 100 MB).
    internal static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, ct);
        return content;
    }

    /// <summary>Read by the routing middleware, which raises the server's body limit for the matched endpoint.</summary>
    private sealed record BodySizeLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;

    internal sealed record ConfigureBody(IReadOnlyList<ChapterInput>? Chapters, string? Terms, int? MaxCommentLength);

    internal sealed record RegisterBody(ReviewerType? As, IReadOnlyList<string>? Chapters, bool? AcceptTerms, string? CountryCode, string? Organisation);

    internal sealed record CommentsBody(IReadOnlyList<CommentInput>? Comments, ReviewerType? As);

    internal sealed record ResponseBody(ResponseStatus? Status, string? Text);

    internal sealed record ErratumBody(ResponseStatus? Status, string? Text, string? Reason);
}

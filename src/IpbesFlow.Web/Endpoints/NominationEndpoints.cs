using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.Nominations;
using IpbesFlow.Reviews;
using IpbesFlow.Web.Security;
using Mediator;

namespace IpbesFlow.Web.Endpoints;

/// <summary>Calls for nominations and the MEP's selection: candidates apply (with a CV), nominating bodies approve or
/// decline their nominations, the MEP decides on the board with the balance live and completes the selection; the
/// report for publication, and nominations received otherwise. Who may see a candidate depends on the body and the
/// assessment, so the handlers decide beyond the policy named here (403, or 404 for what is not theirs to see).</summary>
internal static class NominationEndpoints
{
    public static void MapNominationEndpoints(this WebApplication app)
    {
        var calls = app.MapGroup("/api/assessments/{id:guid}/calls/{stepId}").WithTags("Nominations")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        calls.MapGet("/", async (Guid id, string stepId, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetCall(id, stepId), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("A call for nominations")
            .WithDescription("A call for nominations: its window and the nominators' deadline, and the caller's own application if they have made one.");

        calls.MapPut("/application", async (Guid id, string stepId, ApplicationBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SubmitApplication(id, stepId, body.FullName ?? string.Empty, body.Gender ?? (Gender)(-1), body.Nationality ?? string.Empty,
                    body.CountryOfWork ?? string.Empty, body.Institution ?? string.Empty, body.Disciplines ?? [], body.Keywords ?? string.Empty, body.Languages ?? [],
                    body.RolesSought ?? [], body.Chapters ?? [], body.Bodies ?? [], body.PreferredLanguage), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Apply to an open call, or update the application")
            .WithDescription("Apply to an open call for nominations as yourself (your account's email), naming the bodies asked to nominate you: a government by country code, or a registered organisation. Applying again replaces the application.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        calls.MapPut("/application/cv", async (Guid id, string stepId, IFormFile file, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AttachCv(id, stepId, Path.GetFileName(file.FileName), await ReviewEndpoints.ReadAsync(file, ct)), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .DisableAntiforgery()
            .WithSummary("Attach your CV (a PDF, up to 5 MB) to your application")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        calls.MapGet("/candidates", async (Guid id, string stepId, Kebab<NominationStatus>? status, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCandidates(id, stepId, status?.Value), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("The call's candidates the caller may see")
            .WithDescription("Every candidate for the MEP, the assessment's TSU and the secretariat; a nominating body's own nominations for a national focal point or an organisation's contact; refused to anyone else.");

        calls.MapPost("/nominations/{nominationId:guid}/decision", async (Guid id, string stepId, Guid nominationId, NominationDecisionBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DecideNomination(id, stepId, nominationId, body.Approve ?? false, body.Note), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Approve or decline a nomination (the nominating body)")
            .WithDescription("The nominating body approves or declines its nomination, until the nominators' deadline (the call's close plus its grace).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        calls.MapPost("/nominations/import", async (Guid id, string stepId, IFormFile file, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ImportNominations(id, stepId, Path.GetFileName(file.FileName), await ReviewEndpoints.ReadAsync(file, ct)), ct)))
            .RequireAuthorization(Policies.StaffWrite)
            .DisableAntiforgery()
            .WithSummary("Import nominations received otherwise")
            .WithDescription("Import nominations received otherwise (the secretariat or the assessment's TSU): a sheet 'Nominations', xlsx or CSV; every problem located by sheet, row and column, and then nothing imported.")
            .ProducesValidationProblem();

        app.MapGet("/api/assessments/{id:guid}/candidates/{candidateId:guid}/cv", async (Guid id, Guid candidateId, ISender sender, CancellationToken ct) =>
            {
                var cv = await sender.Send(new GetCv(id, candidateId), ct);
                return TypedResults.File(cv.Content, "application/pdf", cv.FileName);
            })
            .WithTags("Nominations")
            .RequireAuthorization(Policies.SignedIn)
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A candidate's CV")
            .WithDescription("A candidate's CV: for the candidate, the bodies asked to nominate them, the MEP, the assessment's TSU and the secretariat; not found for anyone else.");

        var disclosures = app.MapGroup("/api/assessments/{id:guid}/disclosures").WithTags("Nominations")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        disclosures.MapGet("/", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListDisclosures(id), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Conflict of interest disclosures")
            .WithDescription("A selected expert's own disclosure; every selected expert's status (who is missing, the review) for the TSU, the MEP and the secretariat; what is declared, for the expert and the secretariat only. Due before the first meeting after the selection.");

        disclosures.MapPut("/mine", async (Guid id, DisclosureBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SubmitDisclosure(id, body.HasInterests ?? false, body.Interests, body.Confirm ?? false), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Submit your disclosure (a selected expert)")
            .WithDescription("Whether you have interests a reasonable person could see as a conflict with the assessment's subject, and what they are, confirmed complete and true; again replaces it.")
            .ProducesValidationProblem();

        disclosures.MapPost("/{candidateId:guid}/review", async (Guid id, Guid candidateId, DisclosureReviewBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReviewDisclosure(id, candidateId, body.Review ?? (DisclosureReview)(-1), body.Note), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Record the review of a disclosure (the secretariat)")
            .WithDescription("no-conflict, managed (saying how) or declined (saying why).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        disclosures.MapPost("/reminders", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new RemindDisclosures(id), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Remind the selected experts who have not disclosed (the TSU)");

        app.MapGet("/api/countries", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListCountries(), ct)))
            .WithTags("Nominations")
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Countries, their UN region and economic group")
            .WithDescription("Every country the service knows (ISO 3166 code), its UN regional group, the default economic group and the one applied: the secretariat's classification where it made one.");

        app.MapPut("/api/countries/{code}", async (string code, CountryBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ClassifyCountry(code, body.Economy), ct)))
            .WithTags("Nominations")
            .RequireAuthorization(Policies.AdminWrite)
            .WithSummary("Classify a country's economy (the secretariat)")
            .WithDescription("developed, economy-in-transition or developing; null puts the default back. Applies to applications from then on and to requests for travel support; audited.")
            .ProducesValidationProblem();

        var selections = app.MapGroup("/api/assessments/{id:guid}/selections/{stepId}").WithTags("Nominations")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        selections.MapGet("/", async (Guid id, string stepId, string? chapter, Kebab<AuthorRole>? role, Kebab<UnRegion>? region, Kebab<Gender>? gender,
                Kebab<Discipline>? discipline, Kebab<SelectionOutcome>? outcome, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetSelectionBoard(id, stepId, chapter, role?.Value, region?.Value, gender?.Value, discipline?.Value, outcome?.Value), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("The selection board")
            .WithDescription("The approved candidates (filtered by chapter, role, region, gender, discipline, outcome) with their nominations, and the balance of the draft selection with its warnings: for the MEP, the assessment's TSU and the secretariat.");

        selections.MapPut("/candidates/{candidateId:guid}", async (Guid id, string stepId, Guid candidateId, CandidateDecisionBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DecideCandidate(id, stepId, candidateId, body.Outcome ?? (SelectionOutcome)(-1), body.Role, body.Chapter, body.Note), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Decide on a candidate (the MEP)")
            .WithDescription("Selected (with a role, and a chapter for authors and review editors), reserve or not-selected, with a note; answers the balance with the decision in it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        selections.MapPost("/candidates/{candidateId:guid}/resignation", async (Guid id, string stepId, Guid candidateId, ResignationBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReplaceExpert(id, stepId, candidateId, body.ReserveId, body.Reason ?? string.Empty), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Record a selected expert's resignation, and invite a reserve in their place")
            .WithDescription("After the selection (the assessment's TSU or the secretariat): the expert's role is withdrawn, saying why; with reserveId, that reserve takes their role and chapter and is told. Journaled.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        selections.MapPost("/complete", async (Guid id, string stepId, CompleteSelectionBody? body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ActOnStep(id, stepId, StepAction.Complete, body?.Note, OverrideSelectionRule: body?.OverrideRule ?? false), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Complete the selection")
            .WithDescription("Complete the selection: refused while more of the selected than the workflow allows were nominated by organisations, unless the MEP chair overrides it (overrideRule) saying why (note); then, in one transaction, roles granted, accounts created and every result queued.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        selections.MapGet("/report", async (Guid id, string stepId, string? format, ISender sender, ICommentFiles files, CancellationToken ct) =>
                await ReviewEndpoints.FileOfAsync(await sender.Send(new GetSelectionReport(id, stepId), ct), ReviewEndpoints.Format(format), files, ct))
            .RequireAuthorization(Policies.SignedIn)
            .Produces<Stream>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv")
            .WithSummary("The selection report (xlsx or csv)")
            .WithDescription("Candidates received, approved and selected, in all and per region, gender, discipline, economic group and nominating type, then the selected experts: for the MEP, the assessment's TSU and the secretariat.");
    }

    internal sealed record ApplicationBody(
        string? FullName, Gender? Gender, string? Nationality, string? CountryOfWork, string? Institution, IReadOnlyList<Discipline>? Disciplines, string? Keywords,
        IReadOnlyList<string>? Languages, IReadOnlyList<AuthorRole>? RolesSought, IReadOnlyList<string>? Chapters, IReadOnlyList<NominationBody>? Bodies, string? PreferredLanguage);

    internal sealed record NominationDecisionBody(bool? Approve, string? Note);

    internal sealed record CandidateDecisionBody(SelectionOutcome? Outcome, AuthorRole? Role, string? Chapter, string? Note);

    internal sealed record CountryBody(EconomyGroup? Economy);

    internal sealed record DisclosureBody(bool? HasInterests, string? Interests, bool? Confirm);

    internal sealed record DisclosureReviewBody(DisclosureReview? Review, string? Note);

    internal sealed record ResignationBody(Guid? ReserveId, string? Reason);

    internal sealed record CompleteSelectionBody(string? Note, bool? OverrideRule);
}

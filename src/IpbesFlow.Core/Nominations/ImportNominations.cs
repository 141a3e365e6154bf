using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.People;
using IpbesFlow.Persistence;
using IpbesFlow.Reviews;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>The secretariat or the assessment's TSU imports nominations received outside the system (by mail, on a
/// government's letterhead): one row per nomination in a sheet named <c>Nominations</c> (xlsx or UTF-8 CSV). Every
/// problem is reported with its sheet, row and column, and then nothing is imported; rows for an email already
/// among the candidates add nominations to that candidate (the same person, several bodies). A row's status says
/// whether its body has approved it (approved, declined; pending by default).</summary>
public sealed record ImportNominations(Guid AssessmentId, string StepId, string FileName, byte[] Content) : ICommand<NominationImport>
{
    public override string ToString() => $"ImportNominations {{ AssessmentId = {AssessmentId}, StepId = {StepId}, FileName = {FileName}, Bytes = {Content.Length} }}";
}

public sealed record NominationImport(int Rows, int CandidatesAdded, int NominationsAdded);

public sealed class ImportNominationsHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICommentFiles files, ICurrentUser actor, TimeProvider time) : ICommandHandler<ImportNominations, NominationImport>
{
    public const string SheetName = "Nominations";

    public static IReadOnlyList<string> Headers { get; } =
        ["Name", "Email", "Gender", "Nationality", "Country of work", "Institution", "Disciplines", "Keywords", "Languages", "Roles sought", "Chapters", "Nominated by", "Status", "Mail language"];

    public async ValueTask<NominationImport> Handle(ImportNominations command, CancellationToken cancellationToken)
    {
        var call = await NominationLookup.CallAsync(db, catalog, command.AssessmentId, command.StepId, cancellationToken);
        var caller = await NominationCaller.LoadAsync(db, actor, call.AssessmentId, cancellationToken);
        if (!(caller.IsSecretariat || caller.IsTsu) || !actor.Principal.MayWrite())
        {
            throw new ForbiddenException("Nominations received otherwise are imported by the secretariat or the assessment's TSU.");
        }

        var table = files.Read(command.FileName, command.Content, SheetName);
        var problems = new List<FieldError>();
        var column = Headers.ToDictionary(h => h, h => table.Headers.ToList().FindIndex(x => string.Equals(x?.Trim(), h, StringComparison.OrdinalIgnoreCase)), StringComparer.Ordinal);
        foreach (var missing in column.Where(c => c.Value < 0 && c.Key is not ("Status" or "Mail language" or "Chapters" or "Keywords" or "Languages")))
        {
            problems.Add(new FieldError("file", $"sheet {table.Sheet}, row 1: no column '{missing.Key}' (the columns are {string.Join(", ", Headers)})"));
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        var organisations = await db.RoleAssignments.AsNoTracking().Where(r => r.Role == Role.StakeholderOrganisation && r.Organisation != null).Select(r => r.Organisation!).Distinct().ToListAsync(cancellationToken);
        var rows = new List<(ApplicationDetails Details, NominationBody Body, NominationStatus Status)>();
        foreach (var row in table.Rows)
        {
            string Cell(string header) => column[header] is >= 0 and var i && i < row.Cells.Count ? row.Cells[i]?.Trim() ?? string.Empty : string.Empty;
            void Problem(string header, string message) =>
                problems.Add(new FieldError("file", $"sheet {table.Sheet}, row {row.Number}, column {CommentSheet.ColumnLetter(Math.Max(column[header], 0))} ({header}): {message}"));
            T? Parse<T>(string header, string text, string expected)
                where T : struct, Enum
            {
                var compact = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
                if (Enum.TryParse<T>(compact, ignoreCase: true, out var value) && Enum.IsDefined(value))
                {
                    return value;
                }

                Problem(header, $"'{text}' is not {expected}");
                return null;
            }

            var email = Cell("Email");
            if (!email.Contains('@', StringComparison.Ordinal) || email.Length > Person.MaxEmailLength)
            {
                Problem("Email", $"'{email}' is not an email address");
            }

            var name = Cell("Name");
            if (name.Length is 0 or > Person.MaxNameLength)
            {
                Problem("Name", "give the candidate's full name");
            }

            var gender = Parse<Gender>("Gender", Cell("Gender"), "female, male, other or undisclosed");
            foreach (var header in new[] { "Nationality", "Country of work" })
            {
                if (!Countries.IsKnown(Cell(header)))
                {
                    Problem(header, Countries.Unknown(Cell(header)));
                }
            }

            var disciplines = Cell("Disciplines").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => Parse<Discipline>("Disciplines", d, "a discipline (natural-sciences, social-sciences, humanities, indigenous-and-local-knowledge, policy-and-practice)")).OfType<Discipline>().ToList();
            var roles = Cell("Roles sought").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => Parse<AuthorRole>("Roles sought", r, $"a role ({string.Join(", ", Candidate.SelectableRoles.Select(Claims.Name))})")).OfType<AuthorRole>().ToList();
            if (disciplines.Count == 0 && !problems.Any(p => p.Message.Contains($"row {row.Number},", StringComparison.Ordinal) && p.Message.Contains("(Disciplines)", StringComparison.Ordinal)))
            {
                Problem("Disciplines", "give at least one discipline");
            }

            if (roles.Count == 0 || roles.Any(r => !Candidate.SelectableRoles.Contains(r)))
            {
                Problem("Roles sought", $"give the roles sought among {string.Join(", ", Candidate.SelectableRoles.Select(Claims.Name))}");
            }

            var nominator = Cell("Nominated by");
            NominationBody? body = Countries.IsKnown(nominator) ? new NominationBody(NominatorType.Government, Countries.Normalize(nominator))
                : organisations.Find(o => string.Equals(o, nominator, StringComparison.OrdinalIgnoreCase)) is { } organisation ? new NominationBody(NominatorType.Organisation, null, organisation)
                : null;
            if (body is null)
            {
                Problem("Nominated by", $"'{nominator}' is neither a country code (a government) nor a registered organisation");
            }

            var status = Cell("Status") is { Length: > 0 } statusText ? Parse<NominationStatus>("Status", statusText, "approved, declined or pending") : NominationStatus.Pending;
            var language = Cell("Mail language") is { Length: > 0 } l ? l.ToLowerInvariant() : UnLanguages.English;
            if (!UnLanguages.IsSupported(language))
            {
                Problem("Mail language", $"'{language}' is not one of the six UN languages (ar, en, es, fr, ru, zh)");
            }

            foreach (var (header, max) in new[] { ("Institution", Candidate.MaxInstitutionLength), ("Keywords", Candidate.MaxKeywordsLength), ("Languages", Candidate.MaxLanguagesLength), ("Chapters", Candidate.MaxChaptersLength) })
            {
                if (Cell(header).Length > max)
                {
                    Problem(header, $"{Cell(header).Length} characters; at most {max} are kept");
                }
            }

            if (gender is { } g && body is not null && status is { } s && disciplines.Count > 0 && roles.Count > 0)
            {
                rows.Add((new ApplicationDetails(name, email, language, g, Cell("Nationality"), Cell("Country of work"), Cell("Institution") is { Length: > 0 } institution ? institution : "independent",
                    disciplines, Cell("Keywords"), Cell("Languages").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), roles,
                    Cell("Chapters").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), body, s));
            }
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        var now = time.GetUtcNow();
        var groups = await EconomyGroups.LoadAsync(db, cancellationToken);
        var emails = rows.Select(r => Person.NormalizeEmail(r.Details.Email)).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Candidates.Where(c => c.AssessmentId == call.AssessmentId && c.CallStepId == call.StepId && emails.Contains(c.NormalizedEmail)).ToDictionaryAsync(c => c.NormalizedEmail, StringComparer.Ordinal, cancellationToken);
        var ids = known.Values.Select(c => c.Id).ToList();
        var existing = (await db.Nominations.Where(n => ids.Contains(n.CandidateId)).Select(n => new { n.CandidateId, n.BodyKey }).ToListAsync(cancellationToken))
            .Select(n => (n.CandidateId, n.BodyKey)).ToHashSet();
        int candidatesAdded = 0, nominationsAdded = 0;
        foreach (var (details, body, status) in rows)
        {
            var key = Person.NormalizeEmail(details.Email);
            if (!known.TryGetValue(key, out var candidate))
            {
                candidate = Candidate.Apply(call.AssessmentId, call.StepId, null, details, now, groups);
                db.Candidates.Add(candidate);
                known[key] = candidate;
                candidatesAdded++;
            }

            if (existing.Add((candidate.Id, body.Key)))
            {
                var nomination = Nomination.Nominate(candidate, body, now);
                nomination.Record(status, actor.Name, now);
                db.Nominations.Add(nomination);
                nominationsAdded++;
            }
        }

        db.JournalEntries.Add(JournalEntry.Record(call.AssessmentId, actor.Name, "nomination.imported", call.StepId, null, command.FileName,
            $"{rows.Count} row(s): {candidatesAdded} candidate(s) and {nominationsAdded} nomination(s) added", now));
        return new NominationImport(rows.Count, candidatesAdded, nominationsAdded);
    }
}

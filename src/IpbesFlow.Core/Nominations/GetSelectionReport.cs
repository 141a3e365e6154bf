using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Reviews;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>The report IPBES publishes on a call and its selection: how many candidates were received, approved by a
/// body and selected, in all and per region, gender, discipline, economic group and nominating type; then the list of
/// selected experts (once the selection has completed; the draft before, for those who run it). One sheet, xlsx or CSV.</summary>
public sealed record GetSelectionReport(Guid AssessmentId, string StepId) : IQuery<CommentExport>;

public sealed class GetSelectionReportHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor) : IQueryHandler<GetSelectionReport, CommentExport>
{
    public const string SheetName = "Selection report";

    public static IReadOnlyList<SheetColumn> Columns { get; } =
    [
        new("Part", ColumnKind.Text, 22), new("Group", ColumnKind.Text, 34), new("Received", ColumnKind.WholeNumber, 10), new("Approved", ColumnKind.WholeNumber, 10),
        new("Selected", ColumnKind.WholeNumber, 10), new("Name", ColumnKind.Text, 28), new("Role", ColumnKind.Text, 24), new("Chapter", ColumnKind.Text, 10),
        new("Nationality", ColumnKind.Text, 12), new("Nominated by", ColumnKind.Text, 40),
    ];

    public async ValueTask<CommentExport> Handle(GetSelectionReport query, CancellationToken cancellationToken)
    {
        var (selection, _, call) = await NominationLookup.SelectionAsync(db, catalog, query.AssessmentId, query.StepId, cancellationToken);
        if (!(await NominationCaller.LoadAsync(db, actor, query.AssessmentId, cancellationToken)).SeesAll)
        {
            throw new ForbiddenException("The selection report is for the MEP, the assessment's TSU and the secretariat, who publish it.");
        }

        var candidates = await db.Candidates.AsNoTracking().Where(c => c.AssessmentId == call.AssessmentId && c.CallStepId == call.StepId).OrderBy(c => c.FullName).ToListAsync(cancellationToken);
        var nominations = (await db.Nominations.AsNoTracking().Where(n => n.AssessmentId == call.AssessmentId && n.CallStepId == call.StepId).ToListAsync(cancellationToken))
            .ToLookup(n => n.CandidateId);
        var rows = new List<IReadOnlyList<object?>>();
        void Count(string part, string group, Func<Candidate, bool> member)
        {
            var members = candidates.Where(member).ToList();
            rows.Add([part, group, members.Count, members.Count(c => nominations[c.Id].Any(n => n.Status == NominationStatus.Approved)),
                members.Count(c => c.Outcome == SelectionOutcome.Selected && c.ResignedAt is null), null, null, null, null, null]);
        }

        bool ByGovernment(Candidate c) => nominations[c.Id].Any(n => n.NominatorType == NominatorType.Government && (n.Status == NominationStatus.Approved || !nominations[c.Id].Any(x => x.Status == NominationStatus.Approved)));
        Count("All", "all candidates", _ => true);
        foreach (var region in Enum.GetValues<UnRegion>())
        {
            Count("Region", Countries.RegionName(region), c => c.Region == region);
        }

        foreach (var gender in Enum.GetValues<Gender>())
        {
            Count("Gender", gender.ToString().ToLowerInvariant(), c => c.Gender == gender);
        }

        foreach (var discipline in Enum.GetValues<Discipline>())
        {
            Count("Discipline", SelectionBalance.DisciplineName(discipline), c => c.DisciplineList.Contains(discipline));
        }

        foreach (var economy in Enum.GetValues<EconomyGroup>())
        {
            Count("Economic group", Countries.EconomyName(economy), c => c.Economy == economy);
        }

        Count("Nominated by", "governments", ByGovernment);
        Count("Nominated by", "organisations only", c => !ByGovernment(c));
        foreach (var expert in candidates.Where(c => c.Outcome == SelectionOutcome.Selected && c.ResignedAt is null).OrderBy(c => c.SelectedRole).ThenBy(c => c.SelectedChapter, StringComparer.Ordinal).ThenBy(c => c.FullName, StringComparer.Ordinal))
        {
            rows.Add(["Selected expert", null, null, null, null, expert.FullName, Claims.Name(expert.SelectedRole!.Value), expert.SelectedChapter, expert.Nationality,
                string.Join("; ", nominations[expert.Id].Where(n => n.Status == NominationStatus.Approved).Select(n => n.BodyName))]);
        }

        var stem = $"selection-report-{selection.StepId}{(selection.State == Assessments.StepState.Completed ? string.Empty : "-draft")}";
        return new CommentExport(stem, new SheetContent(SheetName, Columns, rows.ToAsyncEnumerable()));
    }
}

using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Nominations;
using IpbesFlow.Persistence;
using IpbesFlow.Reviews;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Meetings;

/// <summary>A meeting's participants as its TSU reports them: each with their reply, their request for travel support
/// and its decision, and whether they attended; one sheet, xlsx or CSV.</summary>
public sealed record GetTravelReport(Guid AssessmentId, string StepId) : IQuery<CommentExport>;

public sealed class GetTravelReportHandler(IpbesFlowDbContext db, ICurrentUser actor) : IQueryHandler<GetTravelReport, CommentExport>
{
    public const string SheetName = "Participants";

    public static IReadOnlyList<SheetColumn> Columns { get; } =
    [
        new("Name", ColumnKind.Text, 28), new("Email", ColumnKind.Text, 30), new("Country", ColumnKind.Text, 8), new("Economic group", ColumnKind.Text, 20),
        new("Reply", ColumnKind.Text, 14), new("Travel support", ColumnKind.Text, 14), new("Travel note", ColumnKind.Text, 40), new("Decided by", ColumnKind.Text, 24),
        new("Attended", ColumnKind.Text, 10),
    ];

    public async ValueTask<CommentExport> Handle(GetTravelReport query, CancellationToken cancellationToken)
    {
        var step = await MeetingLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        if (!MeetingLookup.Runs(actor, step.AssessmentId))
        {
            throw new ForbiddenException("A meeting's participants and their travel support are for its TSU and the secretariat.");
        }

        var participants = await db.MeetingParticipants.AsNoTracking().Where(p => p.AssessmentId == step.AssessmentId && p.StepId == step.StepId && p.RemovedAt == null)
            .OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var groups = await EconomyGroups.LoadAsync(db, cancellationToken);
        var rows = participants.Select(p => (IReadOnlyList<object?>)
        [
            p.Name, p.Email, p.CountryCode, p.CountryCode is { } c && Countries.IsKnown(c) ? Countries.EconomyName(groups.Of(c)) : null,
            ReplyToMeetingHandler.Name(p.Reply), System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(p.TravelSupport.ToString()), p.TravelNote, p.TravelDecidedBy,
            p.Attended switch { true => "yes", false => "no", null => null },
        ]);
        return new CommentExport($"participants-{step.StepId}", new SheetContent(SheetName, Columns, rows.ToAsyncEnumerable()));
    }
}

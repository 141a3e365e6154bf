using FluentValidation;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

/// <summary>The audit log, newest first.</summary>
public sealed record ListAuditEntries(int Take = 200) : IQuery<IReadOnlyList<AuditEntryView>>;

public sealed record AuditEntryView(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Details, string? IpAddress);

public sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntries>
{
    public ListAuditEntriesValidator() => RuleFor(q => q.Take).InclusiveBetween(1, 1000);
}

public sealed class ListAuditEntriesHandler(IpbesFlowDbContext db) : IQueryHandler<ListAuditEntries, IReadOnlyList<AuditEntryView>>
{
    public async ValueTask<IReadOnlyList<AuditEntryView>> Handle(ListAuditEntries query, CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Take(query.Take)
            .Select(a => new AuditEntryView(a.Id, a.At, a.Actor, a.Action, a.Target, a.Details, a.IpAddress))
            .ToListAsync(cancellationToken);
}

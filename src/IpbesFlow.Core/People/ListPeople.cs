using FluentValidation;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.People;

/// <summary>People ordered by name. <see cref="Search"/> matches a part of the name or organisation as typed, or of
/// the email in any case.</summary>
public sealed record ListPeople(string? Search = null, int Skip = 0, int Take = 100) : IQuery<IReadOnlyList<PersonView>>;

public sealed class ListPeopleValidator : AbstractValidator<ListPeople>
{
    public ListPeopleValidator()
    {
        RuleFor(q => q.Skip).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Take).InclusiveBetween(1, 1000);
    }
}

public sealed class ListPeopleHandler(IpbesFlowDbContext db) : IQueryHandler<ListPeople, IReadOnlyList<PersonView>>
{
    public async ValueTask<IReadOnlyList<PersonView>> Handle(ListPeople query, CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var upper = term.ToUpperInvariant();
            people = people.Where(p => p.FullName.Contains(term) || p.NormalizedEmail.Contains(upper) || (p.Organisation != null && p.Organisation.Contains(term)));
        }

        var page = await people.OrderBy(p => p.FullName).ThenBy(p => p.Id).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
        return page.ConvertAll(PersonView.From);
    }
}

using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.People;

public sealed record GetPerson(Guid Id) : IQuery<PersonView>;

public sealed class GetPersonHandler(IpbesFlowDbContext db) : IQueryHandler<GetPerson, PersonView>
{
    public async ValueTask<PersonView> Handle(GetPerson query, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Person", query.Id);
        return PersonView.From(person);
    }
}

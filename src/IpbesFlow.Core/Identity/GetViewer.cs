using IpbesFlow.People;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

/// <summary>Who is looking at a page, as the page's frame needs it: their name, the language of their record (the pages'
/// language and direction), and which parts of the application are theirs. Null for someone not signed in.</summary>
public sealed record GetViewer : IQuery<ViewerView?>;

public sealed record ViewerView(Guid UserId, string Name, string Email, string Language, bool SeesAssessments, bool MayConfigureAssessments, bool IsSecretariat)
{
    /// <summary>Arabic is written right to left; the other UN languages left to right.</summary>
    public bool RightToLeft => Language == UnLanguages.Arabic;
}

public sealed class GetViewerHandler(IpbesFlowDbContext db, ICurrentUser caller) : IQueryHandler<GetViewer, ViewerView?>
{
    public async ValueTask<ViewerView?> Handle(GetViewer query, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } id)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.FullName, u.Email, u.NormalizedEmail }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var language = await db.People.AsNoTracking().Where(p => p.NormalizedEmail == user.NormalizedEmail).Select(p => p.PreferredLanguage).FirstOrDefaultAsync(cancellationToken);
        var who = caller.Principal;
        return new ViewerView(
            id,
            user.FullName,
            user.Email ?? string.Empty,
            UnLanguages.IsSupported(language) ? language! : UnLanguages.English,
            AssessmentAccess.SeesEveryAssessment(who) || AssessmentAccess.TeamAssessments(who).Count > 0,
            who.MayWrite() && (who.Has(Role.MepMember) || who.Has(Role.SecretariatAdmin)),
            who.Has(Role.SecretariatAdmin));
    }
}

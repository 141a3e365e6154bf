using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>What the caller is to one assessment's reviews, read from the roles stored now (not from a sign-in cookie
/// that may predate a new role): the secretariat and the assessment's TSU manage reviews; its authors answer the
/// comments on their chapters (co-chairs and authors without a chapter, on every chapter); its review editors sign
/// chapters off.</summary>
public sealed class ReviewCaller
{
    private ReviewCaller(bool isSecretariat, bool isTsu, IReadOnlyList<(AuthorRole Role, string? Chapter)> authorships)
    {
        IsSecretariat = isSecretariat;
        IsTsu = isTsu;
        Authorships = authorships;
    }

    public bool IsSecretariat { get; }

    public bool IsTsu { get; }

    public IReadOnlyList<(AuthorRole Role, string? Chapter)> Authorships { get; }

    /// <summary>Manages the review: sets it up, attaches drafts, imports comments, reads everything.</summary>
    public bool IsStaff => IsSecretariat || IsTsu;

    public bool IsAuthor => Authorships.Count > 0;

    public bool MayReadAllComments => IsStaff || IsAuthor;

    public bool MayRespondTo(string chapter) =>
        IsStaff || Authorships.Any(a => a.Role != AuthorRole.ReviewEditor && (a.Chapter is null || a.Chapter == chapter));

    public bool MaySignOff(string chapter) =>
        Authorships.Any(a => a.Role == AuthorRole.ReviewEditor && (a.Chapter is null || a.Chapter == chapter));

    public static async Task<ReviewCaller> LoadAsync(IpbesFlowDbContext db, ICurrentUser actor, Guid assessmentId, CancellationToken cancellationToken)
    {
        var authorships = actor.UserId is { } userId
            ? (await db.RoleAssignments.AsNoTracking()
                .Where(r => r.UserId == userId && r.AssessmentId == assessmentId && r.Role == Role.Author)
                .Select(r => new { r.AuthorRole, r.Chapter })
                .ToListAsync(cancellationToken))
                .Select(r => (r.AuthorRole!.Value, r.Chapter))
                .ToList()
            : [];
        return new ReviewCaller(actor.Principal.Has(Role.SecretariatAdmin), actor.Principal.HasFor(Role.TsuMember, assessmentId), authorships);
    }
}

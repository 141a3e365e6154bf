using IpbesFlow.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Identity;

/// <summary>Accounts for trying the service out, one per kind of user, created only when the service is started with
/// <c>--demo</c> (<c>Demo__Enabled=true</c>). They share a password published in the README, so never use demo mode
/// on a server holding real drafts.</summary>
public static class DemoAccounts
{
    public const string Password = "ipbesflow-demo";
    public const string Domain = "demo.ipbesflow.localhost";
    public static readonly Guid DemoAssessment = Guid.Parse("0199d3e0-0000-7000-8000-0000000000de");

    public static IReadOnlyList<(string Email, string Name, RoleScope Role)> All { get; } =
    [
        ($"admin@{Domain}", "Demo Secretariat Admin", new RoleScope(Role.SecretariatAdmin)),
        ($"mep@{Domain}", "Demo MEP Member", new RoleScope(Role.MepMember)),
        ($"bureau@{Domain}", "Demo Bureau Member", new RoleScope(Role.BureauMember)),
        ($"tsu@{Domain}", "Demo TSU Member", new RoleScope(Role.TsuMember, DemoAssessment)),
        ($"author@{Domain}", "Demo Lead Author", new RoleScope(Role.Author, DemoAssessment, AuthorRole.LeadAuthor)),
        ($"reviewer@{Domain}", "Demo Reviewer", new RoleScope(Role.Reviewer, DemoAssessment, ReviewStepId: "fod-review")),
        ($"focal-point@{Domain}", "Demo Focal Point (Kenya)", new RoleScope(Role.NationalFocalPoint, CountryCode: "KE")),
    ];

    /// <summary>Creates the accounts that do not exist yet; safe to run at every start.</summary>
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoAccounts));
        foreach (var (email, name, role) in All)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var account = UserAccount.Create(email, name, now);
            var created = await users.CreateAsync(account, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            db.RoleAssignments.Add(RoleAssignment.Grant(account.Id, role, null, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Demo mode: {Count} demo accounts (*@{Domain}) share the password published in the README. Do not use demo mode with real data.", All.Count, Domain);
    }
}

using IpbesFlow.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Identity;

/// <summary>Accounts for trying the service out, one per kind of user, created only when the service is started with
/// <c>--demo</c> (<c>Demo__Enabled=true</c>), which the service refuses in Production. They share a password published in
/// the README: so at every start without <c>--demo</c> they are disabled, their password taken away and their tokens
/// revoked, and a database that once ran a demo keeps no account anyone can sign in to with it.</summary>
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

    /// <summary>Creates the accounts that do not exist yet, and gives back their password and use to those a start
    /// without demo mode disabled; safe to run at every start.</summary>
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoAccounts));
        foreach (var (email, name, role) in All)
        {
            if (await users.FindByEmailAsync(email) is { } existing)
            {
                if (existing.IsDisabled || existing.PasswordHash is null)
                {
                    existing.DisabledAt = null;
                    Check(email, await users.RemovePasswordAsync(existing));
                    Check(email, await users.AddPasswordAsync(existing, Password));
                }

                continue;
            }

            var account = UserAccount.Create(email, name, now);
            Check(email, await users.CreateAsync(account, Password));
            db.RoleAssignments.Add(RoleAssignment.Grant(account.Id, role, null, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Demo mode: {Count} demo accounts (*@{Domain}) share the password published in the README. Do not use demo mode with real data.", All.Count, Domain);
    }

    /// <summary>At a start without demo mode: any demo account still usable is disabled, its password removed and its
    /// tokens revoked (one indexed query when there are none, as on every real server).</summary>
    public static async Task DisableAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        var emails = All.Select(a => a.Email.ToUpperInvariant()).ToList();
        var usable = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!) && (u.DisabledAt == null || u.PasswordHash != null)).ToListAsync(cancellationToken);
        if (usable.Count == 0)
        {
            return;
        }

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var account in usable)
        {
            account.DisabledAt ??= now;
            account.PasswordHash = null;
            account.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        var ids = usable.Select(u => u.Id).ToList();
        await db.ApiTokens.Where(t => ids.Contains(t.UserId) && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(new OperatorUser(), "demo.disabled", $"*@{Domain}", $"{usable.Count} demo account(s) disabled: the service started without --demo", now));
        await db.SaveChangesAsync(cancellationToken);
        scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoAccounts))
            .LogWarning("Started without --demo: {Count} demo account(s) (*@{Domain}) disabled, their published password removed and their tokens revoked.", usable.Count, Domain);
    }

    private static void Check(string email, IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

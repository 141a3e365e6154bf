using System.Threading.RateLimiting;
using IpbesFlow.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace IpbesFlow.Web.Security;

/// <summary>Starts a cookie session, by password or by a mailed link: the one way the JSON API and the sign-in page
/// both do it. Refusals say what the person can do, and take the same time whether or not the address has an account.</summary>
internal sealed class SessionSignIn(SignInManager<UserAccount> signIn, UserManager<UserAccount> users, ISender sender, SignInThrottle throttle)
{
    private static readonly UserAccount NoOne = UserAccount.Create("no-one@ipbesflow.invalid", "No one", DateTimeOffset.UnixEpoch);

    private static readonly string NoOnesHash = new PasswordHasher<UserAccount>().HashPassword(NoOne, Guid.NewGuid().ToString());

    /// <summary>Signs in with a password; answers why not, or null once signed in.</summary>
    public async Task<string?> WithPasswordAsync(string? email, string? password)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            // The same work as for an account, so that the time taken does not tell whether the address has one.
            users.PasswordHasher.VerifyHashedPassword(NoOne, NoOnesHash, password ?? string.Empty);
            return "The email or the password is wrong.";
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password ?? string.Empty, lockoutOnFailure: true);
        if (result.Succeeded && user.IsDisabled)
        {
            return "This account is disabled. Ask the secretariat.";
        }

        if (result.Succeeded)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return null;
        }

        return result.IsLockedOut
            ? $"The account is locked after repeated failed sign-ins, until {user.LockoutEnd:yyyy-MM-dd HH:mm} UTC. Wait, or ask for a sign-in link."
            : "The email or the password is wrong.";
    }

    /// <summary>Redeems a mailed link once and signs its account in; refused (<see cref="SignInRefusedException"/>) when
    /// the link is used, expired or unknown, or its account is disabled.</summary>
    public async Task WithLinkAsync(string token, CancellationToken cancellationToken)
    {
        var userId = await sender.Send(new RedeemSignInLink(token), cancellationToken);
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new SignInRefusedException("This sign-in link's account no longer exists.");
        if (user.IsDisabled)
        {
            throw new SignInRefusedException("This account is disabled. Ask the secretariat.");
        }

        await signIn.SignInAsync(user, isPersistent: false);
    }

    /// <summary>Whether the page's sign-in forms may be tried again now from <paramref name="context"/>'s address (from
    /// the same budget as the API's sign-in endpoints).</summary>
    public bool MayTry(HttpContext context) => throttle.TryAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public Task SignOutAsync() => signIn.SignOutAsync();

    /// <summary>After the person changed their own password (a new security stamp), their current session goes on.</summary>
    public async Task RefreshAsync(Guid userId)
    {
        if (await users.FindByIdAsync(userId.ToString()) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }
}

/// <summary>Sign-in attempts per client address and minute (Security:SignInAttemptsPerMinute), one budget for the sign-in
/// pages and the API's sign-in endpoints alike: trying both does not double the attempts.</summary>
internal sealed class SignInThrottle(SecurityLimits limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public bool TryAcquire(string address)
    {
        using var lease = limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public RateLimitLease Acquire(string address, int permits) => limiter.AttemptAcquire(address, permits);

    /// <summary>The budget of one address, as the rate-limiting middleware asks for a partition's limiter.</summary>
    public RateLimiter For(string address) => new AddressLimiter(this, address);

    public void Dispose() => limiter.Dispose();

    // A view on one address's budget: the middleware may drop it when idle; the budget itself stays in the throttle.
    private sealed class AddressLimiter(SignInThrottle throttle, string address) : RateLimiter
    {
        public override TimeSpan? IdleDuration => TimeSpan.Zero;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => throttle.Acquire(address, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(throttle.Acquire(address, permitCount));
    }
}

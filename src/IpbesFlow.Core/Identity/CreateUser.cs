using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace IpbesFlow.Identity;

/// <summary>An admin (or the operator, for the first admin) creates an account, optionally with a password and a
/// first role. Without a password the person signs in with email links.</summary>
public sealed record CreateUser(string Email, string FullName, string? Password = null, RoleScope? Role = null) : ICommand<UserView>
{
    // Keeps the password out of logs and exception messages that print the command.
    public override string ToString() => $"CreateUser {{ Email = {Email}, FullName = {FullName}, Role = {Role} }}";
}

public sealed record UserView(Guid Id, string Email, string FullName, bool HasPassword, bool LockedOut, DateTimeOffset? DisabledAt, bool ReviewAnnouncements, IReadOnlyList<RoleAssignmentView> Roles)
{
    public static UserView From(UserAccount user, IEnumerable<RoleAssignment> roles, DateTimeOffset now) =>
        new(user.Id, user.Email!, user.FullName, user.PasswordHash is not null, user.LockoutEnd > now, user.DisabledAt, user.ReviewAnnouncements, roles.OrderBy(r => r.GrantedAt).Select(RoleAssignmentView.From).ToList());
}

public sealed record RoleAssignmentView(Guid Id, Role Role, Guid? AssessmentId, AuthorRole? AuthorRole, string? ReviewStepId, string? CountryCode, string? Organisation, string? Chapter, string Claim, DateTimeOffset GrantedAt)
{
    public static RoleAssignmentView From(RoleAssignment r) =>
        new(r.Id, r.Role, r.AssessmentId, r.AuthorRole, r.ReviewStepId, r.CountryCode, r.Organisation, r.Chapter, Claims.Value(r.Scope), r.GrantedAt);
}

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(c => c.FullName).NotEmpty().MaximumLength(200);
    }
}

public sealed class CreateUserHandler(IpbesFlowDbContext db, UserManager<UserAccount> users, ICurrentUser actor, TimeProvider time) : ICommandHandler<CreateUser, UserView>
{
    public async ValueTask<UserView> Handle(CreateUser command, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(command.Email.Trim()) is not null)
        {
            throw new ConflictException($"An account for '{command.Email.Trim()}' already exists.", "email");
        }

        var now = time.GetUtcNow();
        var account = UserAccount.Create(command.Email, command.FullName, now);
        var result = command.Password is { Length: > 0 } password ? await users.CreateAsync(account, password) : await users.CreateAsync(account);
        if (!result.Succeeded)
        {
            throw new ValidationFailedException(result.Errors.Select(e => new FieldError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", e.Description)).ToList());
        }

        var roles = new List<RoleAssignment>();
        if (command.Role is { } scope)
        {
            var assignment = RoleAssignment.Grant(account.Id, scope, actor.UserId, now);
            db.RoleAssignments.Add(assignment);
            roles.Add(assignment);
        }

        db.AuditEntries.Add(AuditEntry.Record(actor, "user.created", account.Email!, command.Role is { } r ? $"role {Claims.Value(r)}" : null, now));
        return UserView.From(account, roles, now);
    }
}

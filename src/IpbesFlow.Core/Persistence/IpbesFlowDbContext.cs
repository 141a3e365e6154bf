using System.Text;
using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.Nominations;
using IpbesFlow.Notifications;
using IpbesFlow.People;
using IpbesFlow.Reviews;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Persistence;

/// <summary>The application's unit of work. Handlers use it directly (no repository layer over EF Core).
/// Each database provider derives its own context so that it carries its own migrations.</summary>
public abstract class IpbesFlowDbContext(DbContextOptions options) : IdentityUserContext<UserAccount, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect session cookies, shared by every node and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<SignInLink> SignInLinks => Set<SignInLink>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();

    public DbSet<AssessmentStep> AssessmentSteps => Set<AssessmentStep>();

    public DbSet<NotificationEvent> NotificationEvents => Set<NotificationEvent>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<ReviewRound> ReviewRounds => Set<ReviewRound>();

    public DbSet<ReviewChapter> ReviewChapters => Set<ReviewChapter>();

    public DbSet<ReviewRegistration> ReviewRegistrations => Set<ReviewRegistration>();

    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();

    public DbSet<CommentUpload> CommentUploads => Set<CommentUpload>();

    public DbSet<ReviewDraft> ReviewDrafts => Set<ReviewDraft>();

    public DbSet<EarlierResponse> EarlierResponses => Set<EarlierResponse>();

    public DbSet<Candidate> Candidates => Set<Candidate>();

    public DbSet<Nomination> Nominations => Set<Nomination>();

    public DbSet<CandidateCv> CandidateCvs => Set<CandidateCv>();

    public DbSet<Disclosure> Disclosures => Set<Disclosure>();

    public DbSet<CountryClassification> CountryClassifications => Set<CountryClassification>();

    public DbSet<Meetings.MeetingVenue> MeetingVenues => Set<Meetings.MeetingVenue>();

    public DbSet<Meetings.MeetingParticipant> MeetingParticipants => Set<Meetings.MeetingParticipant>();

    public DbSet<Meetings.MeetingDocument> MeetingDocuments => Set<Meetings.MeetingDocument>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(IpbesFlowDbContext).Assembly);
        UseSnakeCaseNames(builder);
    }

    // One pass over the tracked entries (each Entries<T>() call would detect changes over all of them again, which
    // counts when a timer batch tracks thousands of steps): refuse changes to what is append-only, and give each step
    // about to be saved its due instant and, if changed, its next revision (its concurrency token).
    private void BeforeSave()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            switch (entry)
            {
                case { Entity: AssessmentStep step, State: EntityState.Added or EntityState.Modified }:
                    step.BeforeSave(changed: entry.State == EntityState.Modified);
                    break;
                case { Entity: AuditEntry, State: EntityState.Modified or EntityState.Deleted }:
                    throw new InvalidOperationException("The audit log is append-only: an entry cannot be changed or deleted.");
                case { Entity: JournalEntry, State: EntityState.Modified or EntityState.Deleted }:
                    throw new InvalidOperationException("An assessment's journal is append-only: an entry cannot be changed or deleted.");
                case { Entity: EarlierResponse, State: EntityState.Modified or EntityState.Deleted }:
                    throw new InvalidOperationException("A comment's earlier responses are its history: they cannot be changed or deleted.");
                case { Entity: NotificationEvent or OutboxMessage, State: EntityState.Deleted }:
                    throw new InvalidOperationException("A queued notification is never deleted: it is dispatched or dead-lettered.");
            }
        }
    }

    // Lower-case snake_case names read naturally in psql and need no quoting on PostgreSQL.
    private static void UseSnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table)
            {
                entity.SetTableName(ToSnakeCase(table));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.GetColumnName()));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                var previousIsUpper = i > 0 && char.IsUpper(name[i - 1]);
                if (i > 0 && name[i - 1] != '_' && (previousIsLowerOrDigit || (previousIsUpper && nextIsLower)))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
